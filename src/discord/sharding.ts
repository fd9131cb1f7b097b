// Helpers for start:sharded (src/shard.ts), kept apart from that entry point so they can be imported.
import { REST, Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { Config } from '../config.js';
import { STARTUP_ERRORS, StartupError } from '../startup-errors.js';

/** Discord lets `max_concurrency` shards identify every 5 seconds; spread the launches to match. */
export function spawnDelay(maxConcurrency: number): number {
  return Math.ceil(5_500 / Math.max(1, maxConcurrency));
}

/** GET /gateway/bot on the configured API: the recommended shard count and the session start limit. */
export async function gatewayInfo(config: Config, token: string): Promise<RESTGetAPIGatewayBotResult> {
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(token);
  try {
    return (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  } catch (err) {
    if ((err as { status?: number }).status === 401) throw new StartupError(STARTUP_ERRORS.badToken);
    throw err;
  }
}
