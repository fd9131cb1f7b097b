// Every way start-up can fail ends the process non-zero with one sentence naming what failed and
// what to do, never a stack trace or a bare library message. The real entry point runs in a child
// process against the fake Discord on 127.0.0.1; DNS failures are played by a preloaded fixture that
// makes every lookup fail, so nothing leaves the machine.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeError } from '../src/knowledge/load.js';
import { STARTUP_ERRORS, explainStartupError } from '../src/startup-errors.js';
import { TEST_TOKEN } from './support/bot.js';
import { FakeDiscord } from './support/fake-discord.js';
import { runTs } from './support/spawn.js';

const folder = mkdtempSync(join(tmpdir(), 'startup-errors-'));
const fakes: FakeDiscord[] = [];
afterAll(async () => {
  for (const fake of fakes) {
    await fake.close();
    expect(fake.openConnections()).toBe(0);
  }
});

async function fakeDiscord(options: Parameters<typeof FakeDiscord.start>[0] = {}) {
  const fake = await FakeDiscord.start(options);
  fakes.push(fake);
  return fake;
}

/** Starts `npm start`'s entry point, waits for it to exit, and returns its exit code and what it said. */
async function start(env: Record<string, string>, preload: string[] = []) {
  const child = runTs(
    'src/index.ts',
    {
      DISCORD_TOKEN: TEST_TOKEN,
      DATABASE_PATH: join(folder, 'bot.db'),
      WATCH_KNOWLEDGE: 'off',
      ...env,
    },
    { preload },
  );
  const code = await child.exited(20_000);
  const lastLine = child.stderr().trim().split('\n').at(-1) ?? '';
  return { code, lastLine, all: child.stderr() + child.stdout() };
}

const DNS_FAILS = './tests/fixtures/dns-fails.ts';

describe('start-up failures', () => {
  it('with no network (every DNS lookup fails), says Discord could not be reached and to check the connection', async () => {
    const r = await start({ FAKE_DNS_ERROR: 'EAI_AGAIN' }, [DNS_FAILS]);
    expect(r.code).toBe(1);
    expect(r.lastLine).toBe(STARTUP_ERRORS.noNetwork('discord.com', 'EAI_AGAIN'));
  });

  it('with a DISCORD_API_URL whose host does not exist, names the host and the setting', async () => {
    const r = await start({ FAKE_DNS_ERROR: 'ENOTFOUND', DISCORD_API_URL: 'https://discord.example/api' }, [
      DNS_FAILS,
    ]);
    expect(r.code).toBe(1);
    expect(r.lastLine).toBe(STARTUP_ERRORS.dnsFailure('discord.example', 'ENOTFOUND'));
  });

  it('with a DISCORD_API_URL where nothing listens, names the address and the setting', async () => {
    const closed = await fakeDiscord();
    const url = closed.apiUrl;
    await closed.close(); // the port is free again: connections are refused
    const r = await start({ DISCORD_API_URL: url });
    expect(r.code).toBe(1);
    expect(r.lastLine).toBe(STARTUP_ERRORS.unreachable(url, 'ECONNREFUSED'));
  });

  it('with a DISCORD_API_URL that is not Discord (a 404 page), says so', async () => {
    const fake = await fakeDiscord();
    fake.failNext('GET', /^\/gateway\/bot$/, 404, { message: 'Not Found' });
    const r = await start({ DISCORD_API_URL: fake.apiUrl });
    expect(r.code).toBe(1);
    expect(r.lastLine).toBe(STARTUP_ERRORS.notDiscord(fake.apiUrl, 404));
  });

  it('with a token Discord rejects (401), says to reset the token', async () => {
    const fake = await fakeDiscord({ rejectTokens: [TEST_TOKEN] });
    const r = await start({ DISCORD_API_URL: fake.apiUrl });
    expect(r.code).toBe(1);
    expect(r.lastLine).toBe(STARTUP_ERRORS.badToken);
  });

  it('when Discord refuses the intents even without Message Content (4014 twice), says where to look', async () => {
    const fake = await fakeDiscord({ disallowedIntents: 0x7fffffff });
    const r = await start({ DISCORD_API_URL: fake.apiUrl });
    expect(r.code).toBe(1);
    expect(r.lastLine).toBe(STARTUP_ERRORS.disallowedIntents);
    expect(fake.identifies).toHaveLength(2);
  });

  it('when Discord refuses the login for lack of permissions (403), says to invite the bot again', async () => {
    const fake = await fakeDiscord();
    fake.failNext('GET', /^\/gateway\/bot$/, 403, { message: 'Missing Access', code: 50001 });
    const r = await start({ DISCORD_API_URL: fake.apiUrl });
    expect(r.code).toBe(1);
    expect(r.lastLine).toBe(STARTUP_ERRORS.missingPermissions('logging in (GET /gateway/bot)'));
  });

  it('when the database cannot be written, names the file and what to do, before logging in', async () => {
    const fake = await fakeDiscord();
    const notAFolder = join(folder, 'a-file');
    writeFileSync(notAFolder, 'not a folder');
    const path = join(notAFolder, 'bot.db');
    const r = await start({ DISCORD_API_URL: fake.apiUrl, DATABASE_PATH: path });
    expect(r.code).toBe(1);
    expect(r.lastLine).toBe(STARTUP_ERRORS.database(path, 'EEXIST'));
    expect(fake.identifies).toHaveLength(0);
  });

  it("passes the bot's own explanations through as they are (a bad knowledge file names file and field)", () => {
    const bad = new KnowledgeError(['nato.yaml: fact nato-membership: answer: too long']);
    expect(explainStartupError(bad)).toBe(bad.message);
  });

  it('keeps the message of an unexpected error, in one sentence', () => {
    expect(explainStartupError(new Error('Something odd.'))).toBe(STARTUP_ERRORS.unexpected('Something odd'));
    expect(explainStartupError(Object.assign(new Error('x'), { code: 'ENETUNREACH' }))).toBe(
      STARTUP_ERRORS.noRoute('discord.com', 'ENETUNREACH'),
    );
  });
});
