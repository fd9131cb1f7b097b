// `npm run bench`: start-up with and without the knowledge snapshot, then side by side in one run,
// this matcher, a naive Fuse.js set-up and MiniSearch, on the shipped knowledge base and on generated
// ones of 1,000 and 10,000 facts. Prints the table and writes it to bench/results.md. Figures are
// from one machine and one run: compare ratios, not ms.
//
// While working on one part, a subset can be run; it prints the table and leaves bench/results.md alone:
//   --sizes shipped,10000                     only these knowledge bases (default: shipped,1000,10000)
//   --contenders "this matcher,MiniSearch"    only these matchers (default: all three)
//   --no-startup                              skip the start-up measurements
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONTENDERS } from './contenders.js';
import { generateKnowledge, generateQuestions } from './generate.js';
import type { KnowledgeBase } from '../src/knowledge/schema.js';
import { readEvalSet, type EvalItem } from '../src/quality/evaluate.js';

const optionOf = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const listOption = (name: string) =>
  optionOf(name)
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s);
const sizes = listOption('--sizes') ?? ['shipped', '1000', '10000'];
const contenderNames = listOption('--contenders');
for (const name of contenderNames ?? [])
  if (!CONTENDERS.some((c) => c.name === name)) throw new Error(`no contender named "${name}"`);
const contenders = CONTENDERS.filter((c) => !contenderNames || contenderNames.includes(c.name));
const withStartup = !process.argv.includes('--no-startup');
/** Only a full run writes bench/results.md. */
const full = !optionOf('--sizes') && !contenderNames && withStartup;

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(1));

// Start-up, both ways, each run in a fresh process so that every figure is cold (bench/startup.ts):
// without a snapshot (read and validate the YAML, index it, then save the snapshot) and from the
// snapshot (key, read, restore). Alternated, so both see the same machine; medians of the runs.
const STARTUP_RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function startupRun(mode: 'files' | 'snapshot', cacheDir: string): Record<string, number> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/startup.ts', mode, cacheDir], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench/startup.ts ${mode} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}
const cacheDir = mkdtempSync(join(tmpdir(), 'bench-snapshot-'));
const files: Record<string, number>[] = [];
const restores: Record<string, number>[] = [];
try {
  for (let i = 0; i < (withStartup ? STARTUP_RUNS : 0); i++) {
    files.push(startupRun('files', cacheDir));
    restores.push(startupRun('snapshot', cacheDir));
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
const startup = withStartup
  ? {
      imports: median([...files, ...restores].map((r) => r.imports!)),
      load: median(files.map((r) => r.load!)),
      index: median(files.map((r) => r.index!)),
      slow: median(files.map((r) => r.load! + r.index!)),
      write: median(files.map((r) => r.write!)),
      restore: median(restores.map((r) => r.restore!)),
    }
  : undefined;
if (startup)
  console.error(
    `  start-up: ${ms(startup.slow)} ms without a snapshot, ${ms(startup.restore)} ms from the snapshot`,
  );

const { loadKnowledge } = await import('../src/knowledge/load.js');
const shipped = loadKnowledge('knowledge');

const evalItems: EvalItem[] = readdirSync('tests/eval')
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readEvalSet(join('tests/eval', f)));

interface Row {
  kb: string;
  contender: string;
  buildMs: number;
  heapMb: number;
  p50: number;
  p99: number;
  qps: number;
  quality?: string;
  /** p99 of the first pass over the questions, while V8 is still compiling (shipped base only). */
  firstPassP99?: number;
}

/**
 * Passes over the shipped questions before timing: V8 needs a few thousand calls before it has
 * compiled the hot paths, and a bot answering for hours runs compiled code. The first pass is timed
 * too and reported apart.
 */
const WARM_UP_PASSES = 5;

function measure(kbName: string, kb: KnowledgeBase, questions: string[], rounds: number): Row[] {
  const rows: Row[] = [];
  for (const c of contenders) {
    const before = heap();
    const b0 = performance.now();
    const answer = c.build(kb);
    const buildMs = performance.now() - b0;
    const heapMb = (heap() - before) / 2 ** 20;
    // Warm-up where it is cheap (the shipped base), so p99 measures steady state rather than compilation.
    let firstPassP99: number | undefined;
    if (kbName === 'shipped') {
      const first = questions.map((q) => {
        const s = performance.now();
        answer(q);
        return performance.now() - s;
      });
      firstPassP99 = quantile(
        first.sort((a, b) => a - b),
        0.99,
      );
      for (let w = 1; w < WARM_UP_PASSES; w++) for (const q of questions) answer(q);
    } else for (const q of questions.slice(0, 20)) answer(q);
    const times: number[] = [];
    const start = performance.now();
    for (let r = 0; r < rounds; r++)
      for (const q of questions) {
        const s = performance.now();
        answer(q);
        times.push(performance.now() - s);
      }
    const total = performance.now() - start;
    times.sort((a, b) => a - b);
    const row: Row = {
      kb: kbName,
      contender: c.name,
      buildMs,
      heapMb,
      p50: quantile(times, 0.5),
      p99: quantile(times, 0.99),
      qps: times.length / (total / 1000),
      firstPassP99,
    };
    if (kbName === 'shipped') {
      let right = 0;
      let declined = 0;
      const answerable = evalItems.filter((i) => i.expect !== 'decline');
      for (const i of evalItems) {
        const got = answer(i.q);
        if (i.expect === 'decline') declined += got === null ? 1 : 0;
        else right += got === i.expect || i.accept.includes(got ?? '') ? 1 : 0;
      }
      const unanswerable = evalItems.length - answerable.length;
      row.quality = `${((right / answerable.length) * 100).toFixed(1)}% right / ${((declined / unanswerable) * 100).toFixed(1)}% declined`;
    }
    rows.push(row);
    console.error(`  ${kbName} · ${c.name}: p99 ${ms(row.p99)} ms`);
  }
  return rows;
}

const rows: Row[] = [];
if (sizes.includes('shipped'))
  rows.push(
    ...measure(
      'shipped',
      shipped,
      evalItems.map((i) => i.q),
      5,
    ),
  );
// The naive set-up scans every fact for every question, so the big bases get fewer questions.
for (const [n, questions] of [
  [1_000, 400],
  [10_000, 60],
] as const) {
  if (!sizes.includes(String(n))) continue;
  const kb = generateKnowledge(n);
  rows.push(...measure(`${n.toLocaleString('en')} facts`, kb, generateQuestions(kb, questions), 1));
}

const lines = [
  '# Benchmark results',
  '',
  `Node ${process.version}, ${process.platform}/${process.arch}. Produced by \`npm run bench\`; all contenders measured side by side in one run.`,
  '',
  ...(startup
    ? [
        `Start-up on the shipped knowledge base (${shipped.facts.length} facts), medians of ${STARTUP_RUNS} fresh processes each way: without a snapshot ${ms(startup.slow)} ms (reading and validating the files ${ms(startup.load)} ms, indexing ${ms(startup.index)} ms; saving the snapshot then takes ${ms(startup.write)} ms more); from the snapshot ${ms(startup.restore)} ms (key, read and restore). Importing the code comes first in both, in the same fresh processes: ${ms(startup.imports)} ms.`,
        '',
      ]
    : []),
  '| knowledge base | matcher | index build (ms) | index heap (MB) | p50 (ms) | p99 (ms) | questions/s | quality on the eval sets (answerable right / unanswerable declined) |',
  '|---|---|---:|---:|---:|---:|---:|---|',
  ...rows.map(
    (r) =>
      `| ${r.kb} | ${r.contender} | ${ms(r.buildMs)} | ${r.heapMb.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p99)} | ${Math.round(r.qps).toLocaleString('en')} | ${r.quality ?? ''} |`,
  ),
  '',
];
const ratios: string[] = [];
for (const kb of new Set(rows.map((r) => r.kb))) {
  const of = (name: string) => rows.find((r) => r.kb === kb && r.contender === name);
  const [me, naive, mini] = [of('this matcher'), of('naive Fuse.js'), of('MiniSearch')];
  if (me && naive && mini)
    ratios.push(
      `- ${kb}: this matcher's p99 is ${(naive.p99 / me.p99).toFixed(1)}× lower than naive Fuse.js's, and ${(me.p99 / mini.p99).toFixed(2)}× MiniSearch's (below 1 means faster).`,
    );
  // A partial run (see the options above) compares with MiniSearch only, heap included.
  else if (me && mini)
    ratios.push(
      `- ${kb}: this matcher's p99 is ${(me.p99 / mini.p99).toFixed(2)}× MiniSearch's, its index heap ${(me.heapMb / mini.heapMb).toFixed(2)}× MiniSearch's.`,
    );
}
lines.push('Ratios (p99):', '', ...ratios, '');
lines.push(
  `Shipped base, p99 over the first pass only (just after start, before the ${WARM_UP_PASSES - 1} further warm-up passes): ` +
    rows
      .filter((r) => r.firstPassP99 !== undefined)
      .map((r) => `${r.contender} ${ms(r.firstPassP99!)} ms`)
      .join(', ') +
    '.',
  '',
);
const table = lines.join('\n');
console.log(table);
if (full) writeFileSync('bench/results.md', table);
