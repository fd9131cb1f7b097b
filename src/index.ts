// Start-up only: config -> knowledge -> brain -> transport (Discord when a token is set, else the terminal).
import dotenv from 'dotenv';
import { loadConfig, type Config } from './config.js';
import { runTerminal, DISCORD_NOTICE } from './console/terminal.js';
import { openLiveKnowledge } from './startup/live.js';
import { entryFromAnswer, openQuestionLog, scheduleDailyPurge } from './analytics/index.js';
import type { DiscordBot } from './discord/start.js';
import { createLogger, registerSecret, scrub } from './log.js';
import type { ReadinessChecks } from './health/server.js';
import { STARTUP_ERRORS, StartupError, databaseStartupError, explainStartupError } from './startup-errors.js';
import { defaultSettings, openGuildSettings, type GuildSettings } from './settings/store.js';
import { reportVocabulary } from './analytics/normalize.js';
import { installProcessGuards } from './process-guard.js';
import { loadKnowledge } from './knowledge/load.js';
import { learnedReader, openTeachStore, Teacher, watchLearned } from './teach/index.js';

/** The configuration start-up got as far as reading, for the failure message. */
let startedWith: Config | undefined;

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  startedWith = config;
  registerSecret(config.DISCORD_TOKEN);
  const logger = createLogger(config.DISCORD_TOKEN ? config.LOG_LEVEL : 'warn');
  installProcessGuards(logger);
  // Learned phrasings (npm run teach, /teach) are merged in at every (re)build of the brain.
  const teachStore = openTeachStore(config, logger);
  // The reloadable brain is passed everywhere, so a reload (file change or /reload) reaches every transport.
  const knowledge = openLiveKnowledge(config.knowledgeDir, logger, {
    watch: config.WATCH_KNOWLEDGE,
    cacheDir: config.knowledgeCacheDir,
    learned: learnedReader(teachStore, logger, { shared: config.TEACH_SHARING }),
  });
  // Another process (a shard, `npm run teach`) changing the phrasings reloads this one within seconds.
  const stopLearned = teachStore
    ? watchLearned(teachStore, () => void knowledge.reload('learned phrasings changed'), { logger })
    : () => undefined;
  const teacher = teachStore
    ? new Teacher({
        store: teachStore,
        loadBase: () => loadKnowledge(config.knowledgeDir),
        apply: (trigger) => void knowledge.reload(trigger),
        shared: config.TEACH_SHARING,
        logger,
      })
    : undefined;
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
      stopLearned();
      teachStore?.close();
    }
    return;
  }
  logger.info({ facts: brain.factCount, watching: config.WATCH_KNOWLEDGE }, 'knowledge loaded');
  let settings: GuildSettings;
  try {
    // Per-server settings must be saved when a moderator changes them: no writable database, no start.
    const opened = openGuildSettings(config.DATABASE_PATH, defaultSettings(config));
    opened.onReadError = (err) =>
      logger.error({ err, path: config.DATABASE_PATH }, 'Could not read server settings; using the defaults');
    settings = opened;
  } catch (err) {
    questionLog.close();
    knowledge.close();
    throw databaseStartupError(config.DATABASE_PATH, err);
  }
  const stopPurge = scheduleDailyPurge(questionLog, config.LOG_RETENTION_DAYS);
  let bot: DiscordBot | undefined;
  let health: { port: number; close(): unknown } | undefined;
  const closeAll = () => {
    stopPurge();
    void health?.close();
    stopLearned();
    questionLog.close();
    settings.close();
    teachStore?.close();
    knowledge.close(); // or the watcher keeps a bot that could not log in alive
  };
  try {
    // discord.js is loaded only here: the terminal never needs it, and answers sooner without it.
    const { startDiscord, gatewayReady } = await import('./discord/start.js');
    if (config.healthPort !== undefined) {
      // Up before the login, so /healthz answers and /readyz says "not yet" while it connects.
      health = await startHealth(config.healthPort, config.HEALTH_HOST, {
        gateway: () => (bot ? gatewayReady(bot.client) : false),
        knowledge: () => brain.factCount > 0,
        database: () => {
          settings.checkWritable();
          return true;
        },
      });
      logger.info({ host: config.HEALTH_HOST, port: health.port }, 'Health endpoint listening');
    }
    bot = await startDiscord(config, brain, logger, {
      questionLog,
      settings,
      reload: (trigger) => knowledge.reload(trigger),
      teacher,
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

/** The health endpoint; prom-client is only loaded when it is on. */
async function startHealth(port: number, host: string, checks: ReadinessChecks) {
  const [{ createMetrics }, { startHealthServer }] = await Promise.all([
    import('./health/metrics.js'),
    import('./health/server.js'),
  ]);
  const metrics = createMetrics();
  try {
    const server = await startHealthServer({ port, host, registry: metrics.registry, checks });
    return { port: server.port, close: () => server.close().finally(() => metrics.stop()) };
  } catch (err) {
    metrics.stop();
    const code = (err as { code?: string }).code ?? String(err);
    throw new StartupError(STARTUP_ERRORS.healthPort(host, port, code));
  }
}

main().catch((err: unknown) => {
  // One sentence saying what failed and what to do; scrubbed, as it may quote what Discord said.
  process.stderr.write(
    `${scrub(explainStartupError(err, { ...startedWith, action: 'logging in (GET /gateway/bot)' }))}\n`,
  );
  process.exitCode = 1;
});
