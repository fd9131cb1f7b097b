// Start-up and shutdown against a fake Discord: a bad token fails clearly, a refused privileged
// intent is survived, and the process exits 0 on SIGTERM.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  DISALLOWED_INTENTS_WARNING,
  STARTUP_ERRORS,
  StartupError,
  startDiscord,
} from '../../src/discord/start.js';
import { memoryLogger, NO_IDENTIFY_WAIT, startTestBot, TEST_TOKEN } from '../support/bot.js';
import { testBrain } from '../support/brain.js';
import { FAKE_BOT, FakeDiscord } from '../support/fake-discord.js';
import { runTs } from '../support/spawn.js';

const BAD_TOKEN = 'bad-token-that-must-never-be-printed';
const fakes: FakeDiscord[] = [];

async function fakeDiscord(options: Parameters<typeof FakeDiscord.start>[0]) {
  const fake = await FakeDiscord.start(options);
  fakes.push(fake);
  return fake;
}

afterEach(async () => {
  for (const fake of fakes.splice(0)) {
    await fake.close();
    expect(fake.openConnections()).toBe(0);
  }
});

function badTokenStart(fake: FakeDiscord) {
  const config = loadConfig({ DISCORD_TOKEN: BAD_TOKEN, DISCORD_API_URL: fake.apiUrl });
  const { logger, lines } = memoryLogger();
  const started = startDiscord(config, testBrain(), logger, {
    handleSignals: false,
    clientOverrides: NO_IDENTIFY_WAIT,
  });
  return { started, lines };
}

describe('start-up', () => {
  it('fails with a clear message when Discord refuses the token over REST (401)', async () => {
    const fake = await fakeDiscord({ rejectTokens: [BAD_TOKEN] });
    const { started, lines } = badTokenStart(fake);
    await expect(started).rejects.toThrow(new StartupError(STARTUP_ERRORS.badToken));
    expect(fake.sent('GET', /^\/gateway\/bot$/)[0]?.status).toBe(401);
    expect(JSON.stringify(lines)).not.toContain(BAD_TOKEN);
  });

  it('fails with a clear message when the gateway closes with 4004', async () => {
    const fake = await fakeDiscord({ gatewayRejectTokens: [BAD_TOKEN] });
    const { started, lines } = badTokenStart(fake);
    await expect(started).rejects.toThrow(STARTUP_ERRORS.badToken);
    expect(fake.identifies).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain(BAD_TOKEN);
    await fake.waitFor(
      () => (fake.gatewayConnections() === 0 ? true : undefined),
      2_000,
      'the gateway to close',
    );
  });

  it('exits non-zero with the message (and without the token) when `npm start` has a bad token', async () => {
    const fake = await fakeDiscord({ rejectTokens: [BAD_TOKEN] });
    const child = runTs('src/index.ts', { DISCORD_TOKEN: BAD_TOKEN, DISCORD_API_URL: fake.apiUrl });
    expect(await child.exited()).toBe(1);
    expect(child.stderr()).toContain(STARTUP_ERRORS.badToken);
    expect(child.stderr() + child.stdout()).not.toContain(BAD_TOKEN);
  });

  it('carries on without the Message Content intent after a 4014, still answering mentions', async () => {
    const fake = await fakeDiscord({ allowMessageContent: false });
    const { bot, lines } = await startTestBot(fake);
    try {
      expect(bot.messageContent).toBe(false);
      expect(fake.identifies.map((i) => Boolean(i.intents & GatewayIntentBits.MessageContent))).toEqual([
        true,
        false,
      ]);
      expect(lines.some((l) => l.msg === DISALLOWED_INTENTS_WARNING)).toBe(true);

      const since = fake.requests.length;
      const message = fake.message({ content: `<@${FAKE_BOT.id}> is mexico in nato`, mentions: [FAKE_BOT] });
      fake.post(message);
      const r = await fake.waitForRequest('POST', /^\/channels\/\d+\/messages$/, { since });
      expect(r.body.embeds[0].description).toMatch(/^Mexico is not a member/);
    } finally {
      await bot.stop();
    }
  });

  it('finishes, destroys the client and exits 0 on SIGTERM', async () => {
    const fake = await fakeDiscord({});
    const child = runTs('src/index.ts', { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiUrl });
    try {
      await fake.waitFor(
        () => (child.stderr().includes('Discord ready') ? true : undefined),
        15_000,
        'ready',
      );
      const interaction = fake.chatInput('ask', [
        { type: ApplicationCommandOptionType.String, name: 'question', value: 'is mexico in nato' },
      ]);
      fake.interact(interaction);
      await fake.waitForRequest('POST', new RegExp(`/interactions/${interaction.id}/`));
      child.process.kill('SIGTERM');
      expect(await child.exited()).toBe(0);
      expect(child.stderr()).toContain('Shutting down');
      expect(child.stderr()).not.toContain(TEST_TOKEN);
      await fake.waitFor(
        () => (fake.gatewayConnections() === 0 ? true : undefined),
        2_000,
        'the gateway to close',
      );
    } finally {
      child.process.kill('SIGKILL');
    }
  });
});
