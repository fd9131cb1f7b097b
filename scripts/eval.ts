// `npm run eval`: accuracy of the shipped knowledge base on the evaluation sets in tests/eval/.
// Only the tuning sets' misses are listed: the held-out sets (fresh, fresh2, fresh5) measure what
// tuning did not see, so their misses stay out of sight unless asked for (`npm run eval -- --misses`).
// The blind sets in tests/eval/blind/ are not run at all unless asked for (`-- --blind`): they are
// measured once, when a change is finished, and only their totals are ever printed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBrain } from '../src/answer/brain.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { evaluate, formatReport, readEvalSet } from '../src/quality/evaluate.js';

const dir = 'tests/eval';
/** Sets whose misses were read while tuning; the others only ever show totals. */
const TUNING_SETS = new Set([
  'questions.jsonl',
  'holdout.jsonl',
  'fresh3.jsonl',
  'fresh4.jsonl',
  'realistic.jsonl',
  'conversations.jsonl',
]);
const showAll = process.argv.includes('--misses');
const blind = process.argv.includes('--blind');
const kb = loadKnowledge('knowledge');
const brain = createBrain(kb);
const files = blind
  ? readdirSync(join(dir, 'blind')).map((f) => join('blind', f))
  : readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
for (const file of files.filter((f) => f.endsWith('.jsonl')).sort()) {
  console.log(
    formatReport(file, evaluate(brain, kb, readEvalSet(join(dir, file))), {
      misses: !blind && (showAll || TUNING_SETS.has(file)),
    }),
  );
  console.log();
}
