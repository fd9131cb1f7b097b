// Load: 10,000 questions through the Discord message handler against the fake Discord on 127.0.0.1.
// Each is a MESSAGE_CREATE mentioning the bot, sent over the gateway; each answer is a REST POST to
// the fake. Reports throughput, the time from gateway event sent to REST reply received (p50, p99,
// max), peak RSS, and that no question went unanswered or was answered twice.
//   npm run bench:load [-- --questions 10000 --window 50]
//
// The askers are spread over many users and channels (one question per user, ~10 per channel), so
// flood control (left on, as in production) does not hide the load. The bot and the fake share this
// process, so RSS includes the fake and this harness; the baseline at ready is shown for the delta.
// @discordjs/rest's own global cap (50 requests/s, Discord's limit for one bot) is raised here, to
// measure the bot rather than that cap: in production Discord's limit is the ceiling.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createBrain } from '../src/answer/brain.js';
import { loadConfig } from '../src/config.js';
import { startDiscord } from '../src/discord/start.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createLogger } from '../src/log.js';
import { FAKE_BOT, FAKE_USER, FakeDiscord, type RecordedRequest } from '../tests/support/fake-discord.js';

const { values } = parseArgs({
  options: {
    questions: { type: 'string', default: '10000' },
    window: { type: 'string', default: '50' },
    'timeout-ms': { type: 'string', default: '120000' },
  },
});
const TOTAL = Number(values.questions);
const WINDOW = Number(values.window);
const TIMEOUT_MS = Number(values['timeout-ms']);
const GUILDS = 20;
const CHANNELS_PER_GUILD = 50;
const WARM = 1_000;

const questions = readFileSync('tests/eval/questions.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { q: string }).q);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

async function main(): Promise<number> {
  const hardStop = setTimeout(() => {
    process.stderr.write(`bench:load did not finish within ${TIMEOUT_MS} ms\n`);
    process.exit(1);
  }, TIMEOUT_MS + 30_000);
  hardStop.unref();

  const fake = await FakeDiscord.start({
    guilds: GUILDS,
    channelsPerGuild: CHANNELS_PER_GUILD,
    membersPerGuild: 2,
  });
  const config = loadConfig({ DISCORD_TOKEN: 'bench-token-0123456789', DISCORD_API_URL: fake.apiUrl });
  let logLines = 0;
  const logger = createLogger('info', { write: () => void logLines++ });
  const bot = await startDiscord(config, createBrain(loadKnowledge('knowledge')), logger, {
    handleSignals: false,
    clientOverrides: {
      rest: { api: fake.apiUrl, globalRequestsPerSecond: 1_000_000 },
      ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) },
    },
  });
  const baselineRss = process.memoryUsage().rss;

  const sentAt = new Map<string, number>();
  const replies = new Map<string, number>();
  const latencies: number[] = [];
  /** Latencies of questions after the first WARM ones: connections open, code JIT-compiled. */
  const warmLatencies: number[] = [];
  const order = new Map<string, number>();
  let notices = 0;
  let failed = 0;
  let outstanding = 0;
  fake.onAnswered = (r: RecordedRequest) => {
    if (r.method !== 'POST' || !/^\/channels\/\d+\/messages$/.test(r.path)) return;
    const id: string | undefined = r.body?.message_reference?.message_id;
    if (!id) return;
    if (r.status !== 200) return void failed++;
    const n = (replies.get(id) ?? 0) + 1;
    replies.set(id, n);
    if (n > 1) return;
    if (!r.body.embeds?.length) notices++;
    const ms = performance.now() - sentAt.get(id)!;
    latencies.push(ms);
    if ((order.get(id) ?? 0) >= WARM) warmLatencies.push(ms);
    outstanding--;
  };
  // Keep the fake's request log from growing with the run.
  const trim = setInterval(() => fake.requests.splice(0), 1_000);

  const channels = fake.guildIds.flatMap((g, gi) =>
    Array.from({ length: CHANNELS_PER_GUILD }, (_, c) => ({ guildId: g, channelId: fake.channelId(gi, c) })),
  );
  const started = performance.now();
  const deadline = Date.now() + TIMEOUT_MS;
  for (let i = 0; i < TOTAL; i++) {
    while (outstanding >= WINDOW && Date.now() < deadline) await sleep(1);
    if (Date.now() >= deadline) break;
    const where = channels[i % channels.length]!;
    const author = {
      ...FAKE_USER,
      id: (2_000_000_000_000_000_000n + BigInt(i)).toString(),
      username: `u${i}`,
    };
    const message = fake.message({
      content: `<@${FAKE_BOT.id}> ${questions[i % questions.length]}`,
      mentions: [FAKE_BOT],
      author,
      ...where,
    });
    sentAt.set(message.id, performance.now());
    order.set(message.id, i);
    outstanding++;
    fake.post(message);
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  while (replies.size < sentAt.size && Date.now() < deadline) await sleep(5);
  const elapsed = performance.now() - started;
  await sleep(300); // a late duplicate would arrive now
  clearInterval(trim);

  const peakRss = process.resourceUsage().maxRSS * 1024;
  const lost = [...sentAt.keys()].filter((id) => !replies.has(id)).length;
  const twice = [...replies.values()].filter((n) => n > 1).length;
  latencies.sort((a, b) => a - b);
  warmLatencies.sort((a, b) => a - b);
  const stats = (l: number[]) => ({
    p50: Math.round(pct(l, 0.5) * 10) / 10,
    p99: Math.round(pct(l, 0.99) * 10) / 10,
    max: Math.round((l.at(-1) ?? NaN) * 10) / 10,
  });
  const report = {
    questions: sentAt.size,
    answered: replies.size,
    lost,
    answeredTwice: twice,
    slowDownNotices: notices,
    failedPosts: failed,
    seconds: Math.round(elapsed) / 1000,
    perSecond: Math.round((replies.size / elapsed) * 1000),
    latencyMs: stats(latencies),
    [`latencyMsAfterFirst${WARM}`]: stats(warmLatencies),
    rssMb: { atReady: mb(baselineRss), peak: mb(peakRss) },
    logLines,
    inFlightWindow: WINDOW,
    users: sentAt.size,
    channels: channels.length,
  };
  console.log(JSON.stringify(report, null, 2));
  await bot.stop();
  await fake.close();
  clearTimeout(hardStop);
  const ok = lost === 0 && twice === 0 && notices === 0 && sentAt.size === TOTAL;
  console.log(ok ? 'OK: every question answered exactly once' : 'FAIL: see lost / answeredTwice / notices');
  return ok ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
