// Start-up only: config -> knowledge -> brain -> transport (Discord when a token is set, else the terminal).
import dotenv from 'dotenv';
import { createBrain } from './answer/brain.js';
import { loadConfig } from './config.js';
import { runTerminal, DISCORD_NOTICE } from './console/terminal.js';
import { loadKnowledge } from './knowledge/load.js';
import { entryFromAnswer, openQuestionLog, scheduleDailyPurge } from './analytics/index.js';
import { startDiscord } from './discord/start.js';
import { createLogger, registerSecret } from './log.js';

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  registerSecret(config.DISCORD_TOKEN);
  const logger = createLogger(config.DISCORD_TOKEN ? config.LOG_LEVEL : 'warn');
  const kb = loadKnowledge(config.knowledgeDir);
  const brain = createBrain(kb);
  const questionLog = openQuestionLog(config, logger);
  if (!config.DISCORD_TOKEN) {
    process.stderr.write(`${DISCORD_NOTICE}\n`);
    await runTerminal(brain, process.stdin, process.stdout, (_q, answer, latencyMs) => {
      questionLog.record(entryFromAnswer(answer, { source: 'terminal', latencyMs }));
    });
    questionLog.close();
    return;
  }
  logger.info({ facts: brain.factCount }, 'knowledge loaded');
  const stopPurge = scheduleDailyPurge(questionLog, config.LOG_RETENTION_DAYS);
  const closeLog = () => {
    stopPurge();
    questionLog.close();
  };
  try {
    await startDiscord(config, brain, logger, {
      questionLog,
      // Shutdown (SIGINT/SIGTERM) ends here, after replies in flight have finished and been logged.
      exit: (code) => {
        closeLog();
        process.exit(code);
      },
    });
  } catch (err) {
    closeLog();
    throw err;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
