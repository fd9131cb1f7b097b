// Keeps answer quality from sliding: the floors below are what the matcher reaches today on the
// evaluation sets, each written by a separate session from the article alone, never from the
// knowledge files. questions.jsonl (the set), holdout.jsonl, fresh3.jsonl and fresh4.jsonl
// are tuning sets: their misses were read while improving the matcher (fresh3 and fresh4 only after
// each had been measured blind once, at 95.7% and 92.8% right). fresh.jsonl and fresh2.jsonl were
// only ever looked at as totals. fresh5.jsonl was written last, against the final matcher, and
// measured once: 91.2% right, its misses unread. It is the honest figure for unseen questions.
// The floors sit one to three questions below what each set measures, so a change that costs
// answers shows here without every reworded answer tripping them (answer words weigh in the
// matcher). `npm run eval` prints the tuning sets' misses only.
import { describe, expect, it } from 'vitest';
import { evaluate, rate, readEvalSet } from '../../src/quality/evaluate.js';
import { brain, kb } from '../support/brain.js';

/** Per set: share of answerable questions answered with the right fact, overall and in Spanish. */
const FLOORS: Record<string, { right: number; es: number }> = {
  'questions.jsonl': { right: 0.95, es: 0.95 },
  'holdout.jsonl': { right: 0.91, es: 0.95 },
  'fresh.jsonl': { right: 0.97, es: 0.95 },
  'fresh2.jsonl': { right: 0.93, es: 0.95 },
  'fresh3.jsonl': { right: 0.95, es: 0.95 },
  'fresh4.jsonl': { right: 0.96, es: 0.95 },
  'fresh5.jsonl': { right: 0.88, es: 0.92 },
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
    expect(rate(set.report.answerable)).toBeGreaterThanOrEqual(set.floor.right);
  });

  it('declines at least 97% of the questions it cannot answer, in every set', () => {
    for (const r of all) expect(rate(r.unanswerable)).toBeGreaterThanOrEqual(0.97);
  });

  it.each(sets)('answers answerable Spanish questions of $file at its floor, and declines 97% of the rest', (set) => {
    const es = set.report.byLang.get('es')!;
    expect(rate(es.answerable)).toBeGreaterThanOrEqual(set.floor.es);
    expect(rate(es.unanswerable)).toBeGreaterThanOrEqual(0.97);
  });

  it('answers at least 95% of all answerable Spanish questions with the right fact', () => {
    const es = all.flatMap((r) => r.outcomes).filter((o) => o.item.lang === 'es' && o.answerable);
    expect(es.filter((o) => o.correct).length / es.length).toBeGreaterThanOrEqual(0.95);
  });

  it('never answers with a fact about a country or organization the question did not ask about', () => {
    expect(all.flatMap((r) => r.wrongEntity).map((o) => o.item.q)).toEqual([]);
  });

  it('declines at least 98% of questions about a country or organization it has no facts on', () => {
    const others = all.flatMap((r) => r.outcomes).filter((o) => o.item.category === 'other-entity');
    expect(others.filter((o) => o.correct).length / others.length).toBeGreaterThanOrEqual(0.98);
  });
});

// realistic.jsonl (Discord-style messages: long, slang, several questions, statements) and
// conversations.jsonl (a question, then follow-ups with their history) were written for issue 12,
// before the matcher changed; realistic2.jsonl and conversations2.jsonl later, by another session, and
// measured once before their misses were read (76.9% and 76.5% right then). All four are tuning sets
// now. Their blind siblings in tests/eval/blind/ are measured once, never here. Floors sit 3 to 7
// questions below today's figures.
const MESSAGE_FLOORS: Record<string, { right: number; declined: number }> = {
  'realistic.jsonl': { right: 0.85, declined: 0.92 }, // today 90.3% (121/134), 97.0% (64/66)
  'conversations.jsonl': { right: 0.82, declined: 0.89 }, // today 88.9% (64/72), 100% (28/28)
  'realistic2.jsonl': { right: 0.86, declined: 0.92 }, // today 91.0% (122/134), 98.5% (65/66)
  'conversations2.jsonl': { right: 0.79, declined: 0.87 }, // today 86.8% (59/68), 96.9% (31/32)
};
const messageSets = Object.entries(MESSAGE_FLOORS).map(([file, floor]) => ({
  file,
  floor,
  report: evaluate(brain, kb, readEvalSet(`tests/eval/${file}`)),
}));

describe('answer quality on realistic messages and conversations', () => {
  it.each(messageSets)('answers and declines $file at least at its floors', (set) => {
    expect(rate(set.report.answerable)).toBeGreaterThanOrEqual(set.floor.right);
    expect(rate(set.report.unanswerable)).toBeGreaterThanOrEqual(set.floor.declined);
  });

  it('answers no message with a fact about an entity it did not ask about', () => {
    expect(messageSets.flatMap((s) => s.report.wrongEntity).map((o) => o.item.q)).toEqual([]);
  });
});
