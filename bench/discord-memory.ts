// Start-up time and resident memory of the bot against the fake Discord, with 1 and with 1,000 servers
// (5 channels and 10 members each), beside a bare discord.js client (bench/bare-client.mjs) logging in
// to the same fake in the same run. Each contender runs in a fresh child process, several times; the
// figures are medians. Part of `npm run bench`, which adds this table to bench/results.md.
//   node --import tsx bench/discord-memory.ts [--guilds 1,1000] [--runs 5] [--no-write]
//
// spawn -> ready: from spawning the process to its "Discord ready" line (the bot's includes loading
// the knowledge from its snapshot, opening the database and logging in). RSS: /proc/<pid>/status
// VmRSS at ready and 6 s later. Compiled: `node dist/index.js`, what `npm start` runs; tsx: the
// sources through tsx, what `npm start` ran before the build.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { FakeDiscord } from '../tests/support/fake-discord.js';

const { values } = parseArgs({
  options: {
    guilds: { type: 'string', default: '1,1000' },
    runs: { type: 'string', default: '5' },
    'no-write': { type: 'boolean', default: false },
  },
});
const sizes = (values.guilds ?? '1,1000').split(',').map(Number);
const RUNS = Math.max(1, Number(values.runs));
// Long enough to take in the first idle REST socket closing (a few seconds after ready), which is
// when a stack trace is first formatted: with source maps on, that is when their cost shows.
const SETTLE_MS = 6_000;
const READY_TIMEOUT_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CONTENDERS = {
  'bot, compiled (npm start)': ['--enable-source-maps', 'dist/index.js'],
  'bot, through tsx': ['--import', 'tsx', 'src/index.ts'],
  'bare discord.js client': ['bench/bare-client.mjs'],
} as const;
type Contender = keyof typeof CONTENDERS;

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

interface Run {
  servers: number;
  spawnToReadyMs: number;
  rssAtReadyMb: number;
  rssSettledMb: number;
}

const work = mkdtempSync(join(tmpdir(), 'bench-discord-'));

async function once(fake: FakeDiscord, contender: Contender, run: number): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [...CONTENDERS[contender]], {
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: 'bench-token-0123456789',
      DISCORD_API_URL: fake.apiUrl,
      DATABASE_PATH: join(work, `bot-${run}.db`),
      KNOWLEDGE_CACHE_DIR: join(work, 'knowledge-cache'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  try {
    const ready = await new Promise<{ at: number; line: Record<string, number> }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${contender} not ready in 30 s:\n${err}`)),
        READY_TIMEOUT_MS,
      );
      child.stderr.on('data', (d: Buffer) => {
        const at = performance.now();
        err += d.toString();
        const line = err.split('\n').find((l) => l.includes('"msg":"Discord ready"'));
        if (line) {
          clearTimeout(timer);
          resolve({ at, line: JSON.parse(line) });
        }
      });
      child.once('exit', (code) => reject(new Error(`${contender} exited with ${code}:\n${err}`)));
    });
    const rssAtReadyMb = rssMb(child.pid!);
    await sleep(SETTLE_MS);
    return {
      servers: ready.line.servers ?? 0,
      spawnToReadyMs: ready.at - started,
      rssAtReadyMb,
      rssSettledMb: rssMb(child.pid!),
    };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Row {
  guilds: number;
  contender: Contender;
  servers: number;
  spawnToReadyMs: number;
  rssAtReadyMb: number;
  rssSettledMb: number;
}

async function main(): Promise<string> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  const rows: Row[] = [];
  for (const guilds of sizes) {
    const fake = await FakeDiscord.start({ guilds, channelsPerGuild: 5, membersPerGuild: 10 });
    try {
      // One unmeasured start writes the knowledge snapshot, as any earlier start would have.
      await once(fake, 'bot, compiled (npm start)', -1);
      const runs = new Map<Contender, Run[]>();
      // Interleaved, so that a slow moment of the machine hits every contender alike.
      for (let i = 0; i < RUNS; i++) {
        for (const contender of Object.keys(CONTENDERS) as Contender[]) {
          const list = runs.get(contender) ?? [];
          list.push(await once(fake, contender, i));
          runs.set(contender, list);
        }
      }
      for (const [contender, list] of runs) {
        rows.push({
          guilds,
          contender,
          servers: median(list.map((r) => r.servers)),
          spawnToReadyMs: median(list.map((r) => r.spawnToReadyMs)),
          rssAtReadyMb: median(list.map((r) => r.rssAtReadyMb)),
          rssSettledMb: median(list.map((r) => r.rssSettledMb)),
        });
      }
    } finally {
      await fake.close();
    }
  }
  const bare = (guilds: number) =>
    rows.find((r) => r.guilds === guilds && r.contender === 'bare discord.js client')!;
  const lines = [
    '## Discord: start-up and memory',
    '',
    `Against the fake Discord on 127.0.0.1 (5 channels and 10 members per server), medians of ${RUNS} fresh processes per contender, interleaved, all in one run (\`npm run bench\`, or \`npm run bench:discord\` alone). spawn -> ready includes loading the knowledge (from its snapshot), opening the database and logging in. RSS is VmRSS at ready and ${SETTLE_MS / 1000} s later; "× bare" divides the latter by the bare client's in the same run.`,
    '',
    '| servers | contender | cached servers | spawn -> ready (ms) | RSS at ready (MB) | RSS settled (MB) | × bare |',
    '|---:|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.guilds.toLocaleString('en')} | ${r.contender} | ${r.servers} | ${Math.round(r.spawnToReadyMs)} | ${r.rssAtReadyMb.toFixed(1)} | ${r.rssSettledMb.toFixed(1)} | ${(r.rssSettledMb / bare(r.guilds).rssSettledMb).toFixed(2)} |`,
    ),
    '',
    'Targets (issue 13): at most 250 ms from spawn to ready with 1 server; RSS at most 1.15 × the bare client.',
    '',
  ];
  return lines.join('\n');
}

try {
  const section = await main();
  console.log(section);
  if (!values['no-write']) {
    const path = 'bench/results.md';
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // no results yet: the section is the file
    }
    const start = current.indexOf('## Discord: start-up and memory');
    const kept = start === -1 ? current.trimEnd() : current.slice(0, start).trimEnd();
    writeFileSync(path, `${kept ? `${kept}\n\n` : ''}${section}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
