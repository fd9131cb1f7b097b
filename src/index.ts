// Start-up only: config -> knowledge -> brain -> transport (Discord when a token is set, else the terminal).
import dotenv from 'dotenv';
import { loadConfig } from './config.js';
import { runTerminal, DISCORD_NOTICE } from './console/terminal.js';
import { openLiveKnowledge } from './startup/live.js';
import { entryFromAnswer, openQuestionLog, scheduleDailyPurge } from './analytics/index.js';
import { reportVocabulary } from './analytics/normalize.js';
import { startDiscord } from './discord/start.js';
import { createLogger, registerSecret } from './log.js';
import { installProcessGuards } from './process-guard.js';

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  registerSecret(config.DISCORD_TOKEN);
  const logger = createLogger(config.DISCORD_TOKEN ? config.LOG_LEVEL : 'warn');
  installProcessGuards(logger);
  // The reloadable brain is passed everywhere, so a reload (file change or /reload) reaches every transport.
  const knowledge = openLiveKnowledge(config.knowledgeDir, logger, {
    watch: config.WATCH_KNOWLEDGE,
    cacheDir: config.knowledgeCacheDir,
  });
  const brain = knowledge.brain;
  const questionLog = openQuestionLog(config, logger, { vocabulary: reportVocabulary(brain.domain) });
  if (!config.DISCORD_TOKEN) {
    process.stderr.write(`${DISCORD_NOTICE}\n`);
    try {
      await runTerminal(brain, process.stdin, process.stdout, (_q, answer, latencyMs) => {
        questionLog.record(entryFromAnswer(answer, { source: 'terminal', latencyMs }));
      });
    } finally {
      // The watcher would keep the process alive after input ends.
      knowledge.close();
      questionLog.close();
    }
    return;
  }
  logger.info({ facts: brain.factCount, watching: config.WATCH_KNOWLEDGE }, 'knowledge loaded');
  const stopPurge = scheduleDailyPurge(questionLog, config.LOG_RETENTION_DAYS);
  const closeAll = () => {
    stopPurge();
    questionLog.close();
    knowledge.close(); // or the watcher keeps a bot that could not log in alive
  };
  try {
    await startDiscord(config, brain, logger, {
      questionLog,
      reload: (trigger) => knowledge.reload(trigger),
      // Shutdown (SIGINT/SIGTERM) ends here, after replies in flight have finished and been logged.
      exit: (code) => {
        closeAll();
        process.exit(code);
      },
    });
  } catch (err) {
    closeAll();
    throw err;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
