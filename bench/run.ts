// `npm run bench`: side by side in one run, this matcher, a naive Fuse.js set-up and MiniSearch, on
// the shipped knowledge base and on generated ones of 1,000 and 10,000 facts. Prints the table and
// writes it to bench/results.md. Figures are from one machine and one run: compare ratios, not ms.
import { writeFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONTENDERS } from './contenders.js';
import { generateKnowledge, generateQuestions } from './generate.js';
import type { KnowledgeBase } from '../src/knowledge/schema.js';
import { readEvalSet, type EvalItem } from '../src/quality/evaluate.js';

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(1));

// Start-up: importing the matcher (its word list included), reading the YAML files, indexing.
const t0 = performance.now();
const { loadKnowledge } = await import('../src/knowledge/load.js');
const { createBrain } = await import('../src/answer/brain.js');
const t1 = performance.now();
const shipped = loadKnowledge('knowledge');
const t2 = performance.now();
createBrain(shipped);
const t3 = performance.now();
const startup = { imports: t1 - t0, load: t2 - t1, index: t3 - t2 };

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
}

function measure(kbName: string, kb: KnowledgeBase, questions: string[], rounds: number): Row[] {
  const rows: Row[] = [];
  for (const c of CONTENDERS) {
    const before = heap();
    const b0 = performance.now();
    const answer = c.build(kb);
    const buildMs = performance.now() - b0;
    const heapMb = (heap() - before) / 2 ** 20;
    // Warm-up: a full pass where it is cheap, so p99 measures steady state rather than first-call compilation.
    for (const q of kbName === 'shipped' ? questions : questions.slice(0, 20)) answer(q);
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
  const kb = generateKnowledge(n);
  rows.push(...measure(`${n.toLocaleString('en')} facts`, kb, generateQuestions(kb, questions), 1));
}

const lines = [
  '# Benchmark results',
  '',
  `Node ${process.version}, ${process.platform}/${process.arch}. Produced by \`npm run bench\`; all contenders measured side by side in one run.`,
  '',
  `Start-up on the shipped knowledge base (${shipped.facts.length} facts): imports ${ms(startup.imports)} ms, reading and validating the files ${ms(startup.load)} ms, indexing ${ms(startup.index)} ms.`,
  '',
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
  const of = (name: string) => rows.find((r) => r.kb === kb && r.contender === name)!;
  const me = of('this matcher');
  ratios.push(
    `- ${kb}: this matcher's p99 is ${(of('naive Fuse.js').p99 / me.p99).toFixed(1)}× lower than naive Fuse.js's, and ${(me.p99 / of('MiniSearch').p99).toFixed(2)}× MiniSearch's (below 1 means faster).`,
  );
}
lines.push('Ratios (p99):', '', ...ratios, '');
const table = lines.join('\n');
console.log(table);
writeFileSync('bench/results.md', table);
