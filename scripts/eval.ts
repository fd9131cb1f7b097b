// `npm run eval`: accuracy of the shipped knowledge base on the evaluation sets in tests/eval/.
// Only the tuning sets' misses are listed: the held-out sets (fresh, fresh2, fresh5) measure what
// tuning did not see, so their misses stay out of sight unless asked for (`npm run eval -- --misses`).
// The blind sets in tests/eval/blind/ are not run at all unless asked for (`-- --blind`): they are
// measured once, when a change is finished, and only their totals are ever printed (`--only TEXT`
// keeps the sets whose file name holds TEXT).
// Last comes the ablation table: the same sets with each component of the brain switched off in
// turn (src/answer/components.ts), so every component shows what it earns (`-- --no-ablation` skips it).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBrain } from '../src/answer/brain.js';
import { COMPONENTS, type Component } from '../src/answer/components.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import {
  evaluate,
  formatAblation,
  formatReport,
  pooled,
  readEvalSet,
  TUNING_SETS,
  type AblationRow,
} from '../src/quality/evaluate.js';

const dir = 'tests/eval';
const showAll = process.argv.includes('--misses');
const blind = process.argv.includes('--blind');
const kb = loadKnowledge('knowledge');
const brain = createBrain(kb);
const files = blind
  ? readdirSync(join(dir, 'blind')).map((f) => join('blind', f))
  : readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
// `-- --blind --only blind3`: only the sets whose name holds that text (a new blind set measured once).
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '') : '';
const sets = files
  .filter((f) => f.endsWith('.jsonl') && f.includes(only))
  .sort()
  .map((file) => ({ file, items: readEvalSet(join(dir, file)) }));
for (const { file, items } of sets) {
  console.log(
    formatReport(file, evaluate(brain, kb, items), {
      misses: !blind && (showAll || TUNING_SETS.includes(file)),
      blind,
    }),
  );
  console.log();
}

if (!blind && !process.argv.includes('--no-ablation')) {
  // Pooled in three groups: the sets of single questions, the realistic messages, the conversations.
  const groups: [string, (file: string) => boolean][] = [
    ['questions', (f) => !f.startsWith('realistic') && !f.startsWith('conversations')],
    ['realistic', (f) => f.startsWith('realistic')],
    ['conversations', (f) => f.startsWith('conversations')],
  ];
  const rowOf = (name: string, off: Component[]): AblationRow => {
    const b = createBrain(kb, { off });
    return {
      name,
      groups: groups.map(([, inGroup]) =>
        pooled(sets.filter((s) => inGroup(s.file)).map((s) => evaluate(b, kb, s.items))),
      ),
    };
  };
  const components = Object.keys(COMPONENTS) as Component[];
  console.log('## Ablation: each component switched off in turn (points against the shipped brain)\n');
  console.log(
    formatAblation(
      groups.map(([g]) => g),
      [rowOf('none', []), ...components.map((c) => rowOf(c, [c]))],
    ),
  );
  console.log();
  for (const c of components) console.log(`- ${c}: ${COMPONENTS[c]}`);
}
