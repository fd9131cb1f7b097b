// `npm run eval`: accuracy of the shipped knowledge base on the evaluation sets in tests/eval/.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBrain } from '../src/answer/brain.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { evaluate, formatReport, readEvalSet } from '../src/quality/evaluate.js';

const dir = 'tests/eval';
const kb = loadKnowledge('knowledge');
const brain = createBrain(kb);
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()) {
  console.log(formatReport(file, evaluate(brain, kb, readEvalSet(join(dir, file)))));
  console.log();
}
