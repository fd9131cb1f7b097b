// Measures the bot's resident memory after login and its time from start to ready, against the fake
// Discord with 1 and with 1,000 servers (each with a few channels and members).
//   npx tsx bench/discord-memory.ts [--guilds 1,1000]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FakeDiscord } from '../tests/support/fake-discord.js';

const { values } = parseArgs({ options: { guilds: { type: 'string', default: '1,1000' } } });
const sizes = (values.guilds ?? '1,1000').split(',').map(Number);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 102.4) / 10;
}

interface Result {
  guilds: number;
  cached: number;
  spawnToReadyMs: number;
  loginToReadyMs: number;
  rssAtReadyMb: number;
  rssSettledMb: number;
}

async function measure(guilds: number): Promise<Result> {
  const fake = await FakeDiscord.start({ guilds, channelsPerGuild: 5, membersPerGuild: 10 });
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: 'bench-token-0123456789',
      DISCORD_API_URL: fake.apiUrl,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  try {
    let ready: Record<string, number> | undefined;
    for (let i = 0; i < 600 && !ready; i++) {
      const line = err.split('\n').find((l) => l.includes('"msg":"Discord ready"'));
      if (line) ready = JSON.parse(line);
      else await sleep(50);
    }
    if (!ready) throw new Error(`The bot did not get ready within 30 s:\n${err}`);
    const spawnToReadyMs = Math.round(performance.now() - started);
    await sleep(3_000);
    return {
      guilds,
      cached: ready.servers ?? 0,
      spawnToReadyMs,
      loginToReadyMs: ready.readyMs ?? 0,
      rssAtReadyMb: ready.rssMb ?? 0,
      rssSettledMb: rssMb(child.pid!),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await fake.close();
  }
}

const results: Result[] = [];
for (const n of sizes) results.push(await measure(n));
console.log(
  '| servers | cached | spawn -> ready (ms) | startDiscord -> ready (ms) | RSS at ready (MB) | RSS 3 s later (MB) |',
);
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(
    `| ${r.guilds} | ${r.cached} | ${r.spawnToReadyMs} | ${r.loginToReadyMs} | ${r.rssAtReadyMb} | ${r.rssSettledMb} |`,
  );
}
