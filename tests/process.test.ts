// Process-level safety, in child processes so nothing leaks into the test runner: stray errors are
// logged and the bot lives on; the token never appears in any output, even at trace level.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { installProcessGuards } from '../src/process-guard.js';
import { memoryLogger, REALISTIC_TOKEN, TOKEN_PARTS } from './support/bot.js';
import { FakeDiscord, FAKE_BOT } from './support/fake-discord.js';
import { runTs } from './support/spawn.js';

const fakes: FakeDiscord[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) {
    await fake.close();
    expect(fake.openConnections()).toBe(0);
  }
});

describe('process guards', () => {
  it('logs an unhandled rejection and an uncaught exception with context, and keeps running', async () => {
    const child = runTs('tests/fixtures/guarded-child.ts', {});
    expect(await child.exited()).toBe(0);
    expect(child.stdout()).toContain('still alive');
    const lines = child
      .stderr()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.kind === 'unhandledRejection')).toMatchObject({ level: 50 });
    expect(JSON.stringify(lines)).toContain('a stray rejection');
    expect(lines.find((l) => l.origin === 'uncaughtException')).toMatchObject({ level: 60 });
    expect(JSON.stringify(lines)).toContain('a stray exception');
  });

  it('exits with code 1 only after a burst of uncaught exceptions in one minute', () => {
    const { logger, lines } = memoryLogger();
    let t = 0;
    const exits: number[] = [];
    const uninstall = installProcessGuards(logger, {
      maxPerMinute: 2,
      exit: (c) => exits.push(c),
      now: () => t,
    });
    // Call our listener directly: emitting the event would reach the test runner's own handler too.
    const onException = process.listeners('uncaughtException').at(-1)!;
    try {
      for (const at of [0, 30_000, 61_000]) {
        t = at;
        onException(new Error('boom'), 'uncaughtException');
      }
      expect(exits).toEqual([]); // the first one is over a minute old by the third
      t = 62_000;
      onException(new Error('boom'), 'uncaughtException');
      expect(exits).toEqual([1]);
      expect(lines.at(-1)?.msg).toMatch(/Too many uncaught exceptions/);
    } finally {
      uninstall();
    }
  });
});

describe('the token in logs', () => {
  it('never appears in any output of a failing login at trace level', async () => {
    const fake = await FakeDiscord.start({ rejectTokens: [REALISTIC_TOKEN] });
    fakes.push(fake);
    const child = runTs('src/index.ts', {
      DISCORD_TOKEN: REALISTIC_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      LOG_LEVEL: 'trace',
    });
    expect(await child.exited()).toBe(1);
    const all = child.stdout() + child.stderr();
    expect(all).toMatch(/rejected the bot token/);
    for (const part of TOKEN_PARTS) expect(all).not.toContain(part);
  });

  it('never appears in any output of a working bot at trace level, answering questions and shutting down', async () => {
    const fake = await FakeDiscord.start();
    fakes.push(fake);
    const child = runTs('src/index.ts', {
      DISCORD_TOKEN: REALISTIC_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      LOG_LEVEL: 'trace',
    });
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
      fake.post(fake.message({ content: `<@${FAKE_BOT.id}> what is the usmca`, mentions: [FAKE_BOT] }));
      await fake.waitForRequest('POST', /^\/channels\/\d+\/messages$/);
      await fake.waitFor(
        () => (child.stderr().includes('Question answered') ? true : undefined),
        2_000,
        'log',
      );
      child.process.kill('SIGTERM');
      expect(await child.exited()).toBe(0);
    } finally {
      child.process.kill('SIGKILL');
    }
    const all = child.stdout() + child.stderr();
    expect(all).toContain('"source":"discord.js"'); // trace really was on
    expect(all).toContain('Question text'); // and so was debug
    expect(all).toContain('Provided token: [REDACTED]'); // discord.js tried to print two parts of it
    for (const part of TOKEN_PARTS) expect(all).not.toContain(part);
    // The fake did receive it: the bot really logged in with it.
    expect(fake.identifies[0]?.token).toBe(REALISTIC_TOKEN);
    // At info level a question line carries ids and numbers, not the text.
    const info = all
      .split('\n')
      .filter((l) => l.includes('"msg":"Question answered"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(info.length).toBeGreaterThanOrEqual(2);
    for (const l of info) {
      expect(l).toHaveProperty('factId');
      expect(l).toHaveProperty('confidence');
      expect(l).toHaveProperty('latencyMs');
      expect(l).toHaveProperty('channelId');
      expect(l).not.toHaveProperty('question');
    }
  });
});

describe('the token in crash output', () => {
  it('is scrubbed from uncaught exceptions, rejections and the final error line of a crash', async () => {
    const child = runTs('tests/fixtures/token-crash.ts', { DISCORD_TOKEN: REALISTIC_TOKEN });
    expect(await child.exited()).toBe(1);
    const all = child.stdout() + child.stderr();
    expect(all).toContain('Too many uncaught exceptions'); // it did crash, through the guard
    expect(all).toContain('[REDACTED]');
    for (const part of TOKEN_PARTS) expect(all).not.toContain(part);
  });
});
