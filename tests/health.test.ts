// The health endpoint (HEALTH_PORT): the real bot in a child process against the fake Discord, scraped
// over HTTP on 127.0.0.1 as Prometheus and an orchestrator would; and /readyz failing when a check fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHealthServer } from '../src/health/server.js';
import { TEST_TOKEN } from './support/bot.js';
import { FakeDiscord } from './support/fake-discord.js';
import { runTs, type Child } from './support/spawn.js';

let fake: FakeDiscord;
let child: Child;
let folder: string;
let base: string;

/** The value of one sample line of the Prometheus text, e.g. `bot_votes_total{vote="down"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const scrape = async () => (await fetch(`${base}/metrics`)).text();

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'health-test-'));
  fake = await FakeDiscord.start();
  child = runTs('src/index.ts', {
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DATABASE_PATH: join(folder, 'bot.db'),
    HEALTH_PORT: '0', // any free port; the log line says which
    WATCH_KNOWLEDGE: 'off',
  });
  const line = await fake.waitFor(
    () =>
      child
        .stderr()
        .split('\n')
        .find((l) => l.includes('"msg":"Health endpoint listening"')),
    15_000,
    'the health endpoint',
  );
  base = `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
  await fake.waitFor(() => (child.stderr().includes('Discord ready') ? true : undefined), 15_000, 'ready');
});

afterAll(async () => {
  child?.process.kill('SIGTERM');
  expect(await child.exited()).toBe(0);
  await fake.close();
  expect(fake.openConnections()).toBe(0);
  rmSync(folder, { recursive: true, force: true });
});

describe('the health endpoint', () => {
  it('answers /healthz, and /readyz with every check passing once the bot is ready', async () => {
    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.text()).toBe('ok\n');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      checks: { gateway: true, knowledge: true, database: true },
    });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('counts questions by outcome, their latency, votes, reloads and reconnects in /metrics', async () => {
    const before = await scrape();
    expect(sample(before, 'bot_questions_total{source="ask",outcome="answered"}')).toBe(0);
    expect(before).toMatch(/^nodejs_eventloop_lag_seconds \d/m);

    const ask = (value: string) =>
      fake.interactAndAwaitCallback(
        fake.chatInput('ask', [{ type: ApplicationCommandOptionType.String, name: 'question', value }]),
      );
    const answered = await ask('Is Mexico in NATO?');
    await ask('What is the weather on Mars?');
    const down = (answered.data.components as { components: { custom_id: string }[] }[])
      .flatMap((row) => row.components.map((b) => b.custom_id))
      .find((id) => id.endsWith(':down'))!;
    await fake.interactAndAwaitCallback(fake.button(down));
    await fake.interactAndAwaitCallback(fake.chatInput('reload'));
    const resumes = fake.resumes.length;
    fake.closeGateway(4000); // resumable: the client reconnects and resumes
    await fake.waitFor(() => (fake.resumes.length > resumes ? true : undefined), 5_000, 'the resume');

    // The reconnect is counted when the client notices the close; scrape until it shows (bounded).
    let text = '';
    for (let i = 0; i < 50 && sample(text, 'bot_gateway_reconnects_total') !== 1; i++) {
      text = await scrape();
      if (sample(text, 'bot_gateway_reconnects_total') !== 1) await new Promise((r) => setTimeout(r, 50));
    }
    expect(sample(text, 'bot_gateway_reconnects_total')).toBe(1);
    expect(sample(text, 'bot_questions_total{source="ask",outcome="answered"}')).toBe(1);
    expect(sample(text, 'bot_questions_total{source="ask",outcome="declined"}')).toBe(1);
    expect(sample(text, 'bot_answer_latency_seconds_count{source="ask"}')).toBe(2);
    expect(sample(text, 'bot_votes_total{vote="down"}')).toBe(1);
    expect(sample(text, 'bot_knowledge_reloads_total{result="ok"}')).toBe(1);
  });
});

describe('/readyz', () => {
  it('is 503 and names the failing check while the gateway is not ready or the database cannot be written', async () => {
    let gateway = false;
    const server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      registry: new Registry(),
      checks: {
        gateway: () => gateway,
        knowledge: () => true,
        database: () => {
          throw new Error('attempt to write a readonly database');
        },
      },
    });
    try {
      const r = await fetch(`http://127.0.0.1:${server.port}/readyz`);
      expect(r.status).toBe(503);
      expect(await r.json()).toEqual({
        ready: false,
        checks: { gateway: false, knowledge: true, database: false },
      });
      gateway = true;
      const again = (await (await fetch(`http://127.0.0.1:${server.port}/readyz`)).json()) as {
        ready: boolean;
        checks: Record<string, boolean>;
      };
      expect(again.checks.gateway).toBe(true);
      expect(again.ready).toBe(false);
    } finally {
      await server.close();
    }
  });
});
