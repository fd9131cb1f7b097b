// Starts the real bot (startDiscord) against a FakeDiscord, quietly, for end-to-end tests.
import type { Brain } from '../../src/answer/types.js';
import { loadConfig } from '../../src/config.js';
import { startDiscord, type DiscordBot, type StartOptions } from '../../src/discord/start.js';
import { createLogger } from '../../src/log.js';
import { testBrain } from './brain.js';
import { FAKE_APP_ID, type FakeDiscord } from './fake-discord.js';

export const TEST_TOKEN = 'fake-test-token-0123456789';

/**
 * A token shaped like a real one: the bot's id in base64, a timestamp part, an HMAC part. discord.js
 * prints the first two parts in its debug output ("Provided token: ..."), so tests look for each part.
 */
export const REALISTIC_TOKEN = `${Buffer.from(FAKE_APP_ID).toString('base64url')}.GhQx7a.Kp3vZ9wQe1LmN4bT8yRc2UfH6jXoA5sDg0iEkW`;
export const TOKEN_PARTS = REALISTIC_TOKEN.split('.');

/** Client options for tests: no 5-second wait between IDENTIFYs. */
export const NO_IDENTIFY_WAIT: StartOptions['clientOverrides'] = {
  ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) },
};

/** A logger that keeps its lines in memory so tests can read them. */
export function memoryLogger(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

export async function startTestBot(
  fake: FakeDiscord,
  env: Record<string, string> = {},
  brain: Brain = testBrain(),
  // Most tests ask many questions quickly as one user, so flood control is off unless a test wants it.
  options: Partial<StartOptions> = {},
): Promise<{ bot: DiscordBot; lines: Record<string, unknown>[] }> {
  const config = loadConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    LOG_LEVEL: 'debug',
    ...env,
  });
  const { logger, lines } = memoryLogger();
  const bot = await startDiscord(config, brain, logger, {
    handleSignals: false,
    clientOverrides: NO_IDENTIFY_WAIT,
    cooldown: false,
    ...options,
  });
  return { bot, lines };
}
