// One cold start-up of the shipped knowledge base, measured in this fresh process; `npm run bench`
// runs it several times each way and prints the medians.
//   node --import tsx bench/startup.ts files <cacheDir>     no snapshot: load and validate the YAML,
//                                                           index it; then save the snapshot
//   node --import tsx bench/startup.ts snapshot <cacheDir>  compute the key, read the snapshot, restore
// Prints one JSON object of milliseconds on stdout.
import { performance } from 'node:perf_hooks';

const [mode, cacheDir] = process.argv.slice(2);
if ((mode !== 'files' && mode !== 'snapshot') || !cacheDir)
  throw new Error('Usage: node --import tsx bench/startup.ts files|snapshot <cacheDir>');

const t0 = performance.now();
const { loadKnowledge } = await import('../src/knowledge/load.js');
const { brainFromParts, buildBrainParts } = await import('../src/answer/brain.js');
const { loadBrain, snapshotKey, writeSnapshot } = await import('../src/startup/snapshot.js');
const t1 = performance.now();
const imports = t1 - t0;
const check = (factId: string | null) => {
  if (factId !== 'nato-membership') throw new Error(`the ${mode} brain does not answer: ${factId}`);
};

if (mode === 'files') {
  const kb = loadKnowledge('knowledge');
  const t2 = performance.now();
  const parts = buildBrainParts(kb);
  const brain = brainFromParts(parts);
  const t3 = performance.now();
  writeSnapshot(cacheDir, snapshotKey('knowledge'), parts);
  const t4 = performance.now();
  check(brain.ask('Is Mexico in NATO?').factId);
  console.log(JSON.stringify({ imports, load: t2 - t1, index: t3 - t2, write: t4 - t3 }));
} else {
  const { brain, from } = loadBrain('knowledge', { cacheDir });
  const t2 = performance.now();
  if (from !== 'snapshot') throw new Error('the snapshot was not used');
  check(brain.ask('Is Mexico in NATO?').factId);
  console.log(JSON.stringify({ imports, restore: t2 - t1 }));
}
