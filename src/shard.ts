// npm run start:sharded: runs the bot as several shards with discord.js's own ShardingManager. The
// shard count is SHARD_COUNT, or with 'auto' Discord's recommendation from GET /gateway/bot on the
// configured API (discord.js's own 'auto' always asks discord.com, which tests and proxies cannot use).
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { ShardingManager } from 'discord.js';
import { loadConfig, type Config } from './config.js';
import { gatewayInfo, spawnDelay } from './discord/sharding.js';
import { STARTUP_ERRORS, StartupError, explainStartupError } from './startup-errors.js';
import { createLogger, registerSecret, scrub } from './log.js';

let startedWith: Config | undefined;

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  startedWith = config;
  const token = config.DISCORD_TOKEN;
  if (!token) throw new StartupError(STARTUP_ERRORS.noToken);
  registerSecret(token);
  const logger = createLogger(config.LOG_LEVEL);

  const info = await gatewayInfo(config, token);
  const totalShards =
    config.SHARD_COUNT && config.SHARD_COUNT !== 'auto' ? Number(config.SHARD_COUNT) : info.shards;
  const delay = spawnDelay(info.session_start_limit.max_concurrency);
  // Compiled (dist/shard.js): the shards run dist/index.js on plain node. From the sources (npm run
  // dev:sharded, the tests): src/index.ts through tsx.
  const compiled = import.meta.url.endsWith('.js');
  const manager = new ShardingManager(
    fileURLToPath(new URL(compiled ? './index.js' : './index.ts', import.meta.url)),
    {
      token,
      totalShards,
      mode: 'process',
      respawn: true,
      execArgv: compiled ? process.execArgv.filter((a) => a === '--enable-source-maps') : ['--import', 'tsx'],
    },
  );
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id, totalShards }, 'Shard launched');
    shard.on('death', () => logger.warn({ shard: shard.id }, 'Shard process exited'));
    // Errors a shard reports over IPC go through the (scrubbing) logger, never raw to the console.
    shard.on('error', (err) => logger.error({ err, shard: shard.id }, 'Shard error'));
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Stopping shards');
    manager.respawn = false;
    // Each shard finishes its replies in flight on SIGTERM, then exits on its own.
    await Promise.all(
      manager.shards.map(
        (shard) =>
          new Promise<void>((resolve) => {
            const child = shard.process;
            if (!child || child.exitCode !== null) return resolve();
            const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    process.exit(0);
  };
  process.once('SIGINT', (s) => void stop(s));
  process.once('SIGTERM', (s) => void stop(s));

  logger.info({ totalShards, recommended: info.shards, delayMs: delay }, 'Spawning shards');
  await manager.spawn({ amount: totalShards, delay, timeout: 60_000 });
  logger.info({ totalShards }, 'All shards ready');
}

main().catch((err: unknown) => {
  process.stderr.write(`${scrub(explainStartupError(err, startedWith))}\n`);
  process.exitCode = 1;
});
