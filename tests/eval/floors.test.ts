// Keeps answer quality from sliding: the floors below are what the matcher reaches today on the
// evaluation sets, each written by a separate session from the article alone, never from the
// knowledge files. questions.jsonl, holdout.jsonl, fresh3.jsonl and fresh4.jsonl are tuning sets
// (their misses were read while improving the matcher; fresh3 and fresh4 only after each had been
// measured blind once, at 95.7% and 92.8% right); fresh.jsonl and fresh2.jsonl were only ever looked
// at as totals. `npm run eval` prints the tuning sets' misses only.
import { describe, expect, it } from 'vitest';
import { evaluate, rate, readEvalSet } from '../../src/quality/evaluate.js';
import { brain, kb } from '../support/brain.js';

const FLOORS: Record<string, number> = {
  'questions.jsonl': 0.97,
  'holdout.jsonl': 0.93,
  'fresh.jsonl': 0.97,
  'fresh2.jsonl': 0.95,
  'fresh3.jsonl': 0.97,
  'fresh4.jsonl': 0.97,
};
const sets = Object.entries(FLOORS).map(([file, floor]) => ({
  file,
  floor,
  report: evaluate(brain, kb, readEvalSet(`tests/eval/${file}`)),
}));
const all = sets.map((s) => s.report);

describe('answer quality on the evaluation sets', () => {
  it('has enough questions, Spanish ones included', () => {
    const outcomes = all.flatMap((r) => r.outcomes);
    expect(outcomes.length).toBeGreaterThanOrEqual(300);
    expect(outcomes.filter((o) => o.item.lang === 'es').length).toBeGreaterThanOrEqual(60);
  });

  it.each(sets)('answers answerable questions of $file with the right fact at least at its floor', (set) => {
    expect(rate(set.report.answerable)).toBeGreaterThanOrEqual(set.floor);
  });

  it('declines at least 97% of the questions it cannot answer, in every set', () => {
    for (const r of all) expect(rate(r.unanswerable)).toBeGreaterThanOrEqual(0.97);
  });

  it('answers at least 95% of answerable Spanish questions with the right fact, and declines 97% of the rest', () => {
    for (const r of all) {
      expect(rate(r.byLang.get('es')!.answerable)).toBeGreaterThanOrEqual(0.95);
      expect(rate(r.byLang.get('es')!.unanswerable)).toBeGreaterThanOrEqual(0.97);
    }
  });

  it('never answers with a fact about a country or organization the question did not ask about', () => {
    expect(all.flatMap((r) => r.wrongEntity).map((o) => o.item.q)).toEqual([]);
  });

  it('declines at least 98% of questions about a country or organization it has no facts on', () => {
    const others = all.flatMap((r) => r.outcomes).filter((o) => o.item.category === 'other-entity');
    expect(others.filter((o) => o.correct).length / others.length).toBeGreaterThanOrEqual(0.98);
  });
});
