// `npm run fit`: fits the matcher's few scoring weights (src/answer/match.ts MATCH: how coverage,
// phrasing similarity and the Fuse.js score add up, and the threshold below which it declines) on the
// tuning sets, and checks the fit by 5-fold cross-validation: each fold's items are scored with the
// weights fitted on the other four, so the figure is for questions the fit did not see. Prints the
// hand-set weights' score beside the fitted ones'; it changes nothing. The blind sets are never read.
//
// Score of a set of answers: right answers + right declines - 2 x wrong answers. A wrong answer (a
// wrong fact, or any fact for a question the article does not answer) costs more than a decline: the
// bot must never pass off a wrong fact.
import { createBrain } from '../src/answer/brain.js';
import { MATCH } from '../src/answer/match.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { evaluate, readEvalSet, TUNING_SETS, type EvalItem } from '../src/quality/evaluate.js';

const FOLDS = 5;
const WRONG_COST = 2;

interface Weights {
  coverage: number;
  similarity: number;
  fuse: number;
  threshold: number;
}

const kb = loadKnowledge('knowledge');
const brain = createBrain(kb);
const items = TUNING_SETS.flatMap((f) => readEvalSet(`tests/eval/${f}`));

/** Every combination on a coarse grid; the three shares add up to 1. */
function grid(): Weights[] {
  const out: Weights[] = [];
  for (let c = 4; c <= 8; c++)
    for (let f = 0; f <= 2; f++) {
      const s = 10 - c - f;
      if (s < 0) continue;
      for (const threshold of [0.5, 0.525, 0.55, 0.575, 0.6])
        out.push({ coverage: c / 10, similarity: s / 10, fuse: f / 10, threshold });
    }
  return out;
}

/** Per item: +1 right, -WRONG_COST answered wrongly, 0 declined an answerable one. */
function outcomes(w: Weights, subset: EvalItem[]): number[] {
  MATCH.weights = { coverage: w.coverage, similarity: w.similarity, fuse: w.fuse };
  MATCH.threshold = w.threshold;
  return evaluate(brain, kb, subset).outcomes.map((o) =>
    o.correct ? 1 : o.answer.answered ? -WRONG_COST : 0,
  );
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const label = (w: Weights) =>
  `coverage ${w.coverage.toFixed(1)}, similarity ${w.similarity.toFixed(1)}, fuse ${w.fuse.toFixed(1)}, threshold ${w.threshold}`;

const handSet: Weights = { ...MATCH.weights, threshold: MATCH.threshold };
const candidates = grid();
// Each candidate's per-item outcomes on every tuning item, computed once.
const table = candidates.map((w) => outcomes(w, items));
const handRow = outcomes(handSet, items);
const fold = (i: number) => i % FOLDS;

let cvFitted = 0;
let cvHand = 0;
const chosen: string[] = [];
for (let k = 0; k < FOLDS; k++) {
  const train = (row: number[]) => sum(row.filter((_, i) => fold(i) !== k));
  const test = (row: number[]) => sum(row.filter((_, i) => fold(i) === k));
  let best = 0;
  for (let c = 1; c < candidates.length; c++) if (train(table[c]!) > train(table[best]!)) best = c;
  cvFitted += test(table[best]!);
  cvHand += test(handRow);
  chosen.push(label(candidates[best]!));
}
let overall = 0;
for (let c = 1; c < candidates.length; c++) if (sum(table[c]!) > sum(table[overall]!)) overall = c;

const per = (total: number) => (total / items.length).toFixed(3);
console.log(
  `${items.length} tuning questions, ${candidates.length} weightings, ${FOLDS}-fold cross-validation.`,
);
console.log(`Score per question (right = 1, declined = 0, wrong = -${WRONG_COST}), on the held-out folds:`);
console.log(`- hand-set (${label(handSet)}): ${per(cvHand)}`);
console.log(`- fitted on the other folds: ${per(cvFitted)}`);
console.log(`Chosen per fold:\n${chosen.map((c, k) => `  ${k + 1}. ${c}`).join('\n')}`);
console.log(`Best on all tuning questions: ${label(candidates[overall]!)} (${per(sum(table[overall]!))}).`);
