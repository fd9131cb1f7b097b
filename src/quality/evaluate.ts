// Runs an evaluation set through the brain and tallies how often it is right: per category, per
// language and per confidence band. Used by `npm run eval` and by the test that keeps the floors.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Analyzer } from '../answer/analyze.js';
import { buildLexicon } from '../answer/lexicon.js';
import type { Answer, Brain, Lang } from '../answer/types.js';
import { factTexts, type KnowledgeBase } from '../knowledge/schema.js';

const ItemSchema = z.object({
  q: z.string(),
  /** The fact that answers it, "decline", or (a message asking several things) every fact it needs. */
  expect: z.union([z.string(), z.array(z.string()).min(1)]),
  accept: z.array(z.string()).default([]),
  /** A several-part message with a part the knowledge base cannot answer. */
  partial: z.boolean().default(false),
  /** Earlier questions of the same conversation, oldest first. */
  history: z.array(z.string()).optional(),
  category: z.string(),
  lang: z.enum(['en', 'es']),
});
export type EvalItem = z.infer<typeof ItemSchema>;

/** The sets in tests/eval/ whose misses were read while tuning; the others only ever show totals. */
export const TUNING_SETS: readonly string[] = [
  'questions.jsonl',
  'holdout.jsonl',
  'fresh3.jsonl',
  'fresh4.jsonl',
  'realistic.jsonl',
  'conversations.jsonl',
  'realistic2.jsonl',
  'conversations2.jsonl',
  'realistic3.jsonl',
  'conversations3.jsonl',
];

export function readEvalSet(path: string): EvalItem[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = ItemSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

export interface Outcome {
  item: EvalItem;
  answer: Answer;
  answerable: boolean;
  correct: boolean;
  /** Answered with a fact the set does not expect, and the question names a country or organization that fact is not about. */
  wrongEntity: boolean;
}

export interface Tally {
  total: number;
  correct: number;
}

export interface EvalReport {
  outcomes: Outcome[];
  answerable: Tally;
  unanswerable: Tally;
  byCategory: Map<string, Tally>;
  byLang: Map<Lang, { answerable: Tally; unanswerable: Tally }>;
  /**
   * Calibration: every question whose best candidate passed the entity and focus guards, banded by
   * that candidate's score, answered or not: how often the candidate was the right fact. The
   * threshold is set where the bands below it stop being mostly right.
   */
  bands: { from: number; to: number; questions: number; right: number; answered: number }[];
  wrongEntity: Outcome[];
}

/** Every fact an answer used: several for a message that asked several things. */
const factsUsed = (answer: Answer): string[] =>
  (answer as Answer & { factIds?: string[] }).factIds ?? (answer.factId ? [answer.factId] : []);

const add = (t: Tally, ok: boolean) => {
  t.total++;
  if (ok) t.correct++;
};
const tally = (): Tally => ({ total: 0, correct: 0 });
export const rate = (t: Tally) => (t.total ? t.correct / t.total : 1);

export function evaluate(brain: Brain, kb: KnowledgeBase, items: EvalItem[]): EvalReport {
  // Entities each fact mentions anywhere, to check no answer speaks of an entity it was not asked about.
  const lexicon = buildLexicon(kb);
  const analyzer = new Analyzer(kb.synonyms, [], lexicon);
  const factEntities = new Map(
    kb.facts.map((f) => [
      f.id,
      new Set(factTexts(f).flatMap((t) => analyzer.analyze(t, 'en', false).entities)),
    ]),
  );
  const report: EvalReport = {
    outcomes: [],
    answerable: tally(),
    unanswerable: tally(),
    byCategory: new Map(),
    byLang: new Map(),
    bands: [0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 1].map((from, i, a) => ({
      from,
      to: a[i + 1] ?? 1.01,
      questions: 0,
      right: 0,
      answered: 0,
    })),
    wrongEntity: [],
  };
  for (const item of items) {
    const answer = brain.ask(item.q, item.history ? { history: item.history } : {});
    const expected = typeof item.expect === 'string' ? [item.expect] : item.expect;
    const answerable = !expected.includes('decline');
    // Right when every fact it needs is given, and nothing else is: a one-fact question answered with
    // the fact (or an accepted one); a several-part one with each part's fact.
    const used = factsUsed(answer);
    const allowed = new Set([...expected, ...item.accept]);
    const rightFact =
      used.length > 0 &&
      used.every((id) => allowed.has(id)) &&
      (expected.length === 1 ? true : expected.every((id) => used.includes(id)));
    const correct = answerable ? answer.answered && rightFact : !answer.answered;
    const asked = analyzer.analyze(item.q, answer.lang).entities.filter((e) => e !== lexicon.home);
    // A fact the set does not expect, answering a message that names an entity the fact is not about:
    // the bot passed off a fact about something else. (A fact the set expects is checked by `correct`;
    // a long message naming other countries as context, or a part it declined, is not counted here.)
    const unexpected = used.filter((id) => !allowed.has(id));
    const wrongEntity =
      answer.answered && unexpected.some((id) => asked.some((e) => !factEntities.get(id)?.has(e)));
    const outcome = { item, answer, answerable, correct, wrongEntity };
    report.outcomes.push(outcome);
    if (wrongEntity) report.wrongEntity.push(outcome);
    add(answerable ? report.answerable : report.unanswerable, correct);
    const cat = report.byCategory.get(item.category) ?? tally();
    report.byCategory.set(item.category, cat);
    add(cat, correct);
    const lang = report.byLang.get(item.lang) ?? { answerable: tally(), unanswerable: tally() };
    report.byLang.set(item.lang, lang);
    add(answerable ? lang.answerable : lang.unanswerable, correct);
    // The candidate the matcher weighed: the answer itself, or the best one a threshold turned down.
    const best = answer.answered
      ? { factId: answer.factId, score: answer.confidence }
      : answer.explain.reason?.startsWith('best score')
        ? answer.explain.best
        : null;
    const band = best && report.bands.find((b) => best.score >= b.from && best.score < b.to);
    if (band && best) {
      band.questions++;
      if (answer.answered) band.answered++;
      if (answerable && allowed.has(best.factId ?? '')) band.right++;
    }
  }
  return report;
}

const pct = (t: Tally) => `${(rate(t) * 100).toFixed(1)}% (${t.correct}/${t.total})`;

export function formatReport(
  name: string,
  r: EvalReport,
  options: { misses?: boolean; blind?: boolean } = {},
): string {
  const lines = [`## ${name}: ${r.outcomes.length} questions`, ''];
  lines.push(`answerable answered with the right fact: ${pct(r.answerable)}`);
  lines.push(`unanswerable declined:                  ${pct(r.unanswerable)}`);
  lines.push(`answers naming an entity not asked about: ${r.wrongEntity.length}`, '');
  lines.push('| category | right |', '|---|---|');
  for (const [c, t] of [...r.byCategory].sort()) lines.push(`| ${c} | ${pct(t)} |`);
  lines.push('', '| language | answerable right | unanswerable declined |', '|---|---|---|');
  for (const [l, t] of [...r.byLang].sort())
    lines.push(`| ${l} | ${pct(t.answerable)} | ${pct(t.unanswerable)} |`);
  lines.push(
    '',
    '| confidence band | questions | best candidate right | answered (threshold) |',
    '|---|---|---|---|',
  );
  for (const b of r.bands)
    lines.push(
      `| ${b.from.toFixed(2)}–${Math.min(b.to, 1).toFixed(2)} | ${b.questions} | ${b.questions ? ((b.right / b.questions) * 100).toFixed(1) + '%' : '-'} | ${b.answered} |`,
    );
  const misses = r.outcomes.filter((o) => !o.correct);
  lines.push('', `### Misses (${misses.length})`);
  if (options.misses === false) {
    lines.push(
      '',
      options.blind
        ? 'Not listed: this is a blind set, measured once, its misses never read.'
        : 'Not listed: this is a held-out set (`npm run eval -- --misses` lists them).',
    );
    return lines.join('\n');
  }
  for (const o of misses) {
    const got = o.answer.answered ? factsUsed(o.answer).join('+') : 'declined';
    const history = o.item.history ? ` (after ${o.item.history.map((h) => `"${h}"`).join(', ')})` : '';
    lines.push(
      `- [${o.item.category}/${o.item.lang}] "${o.item.q}"${history}: expected ${[o.item.expect].flat().join('+')}, got ${got} ` +
        `(${o.answer.confidence.toFixed(2)}; ${o.answer.explain.reason ?? o.answer.explain.tier}; tokens ${o.answer.explain.tokens.join(' ')})`,
    );
  }
  return lines.join('\n');
}

/** One row of the ablation table: the brain with one component off (or none), pooled per group of sets. */
export interface AblationRow {
  name: string;
  groups: { answerable: Tally; unanswerable: Tally; wrongEntity: number }[];
}

/** Several reports' tallies added up. */
export function pooled(reports: EvalReport[]): AblationRow['groups'][number] {
  const sum = (pick: (r: EvalReport) => Tally): Tally => ({
    total: reports.reduce((s, r) => s + pick(r).total, 0),
    correct: reports.reduce((s, r) => s + pick(r).correct, 0),
  });
  return {
    answerable: sum((r) => r.answerable),
    unanswerable: sum((r) => r.unanswerable),
    wrongEntity: reports.reduce((s, r) => s + r.wrongEntity.length, 0),
  };
}

/**
 * The ablation table: per group of sets, answerable right and unanswerable declined with each
 * component off, in points against the full brain (the first row), and the wrong-entity answers.
 */
export function formatAblation(groupNames: string[], rows: AblationRow[]): string {
  const [full, ...rest] = rows;
  if (!full) return '';
  const points = (t: Tally, base: Tally) => {
    const d = (rate(t) - rate(base)) * 100;
    return `${d >= 0 ? '+' : ''}${d.toFixed(1)}`;
  };
  const head = groupNames.flatMap((g) => [`${g}: right`, 'declined', 'wrong entity']);
  const lines = [`| component off | ${head.join(' | ')} |`, `|---|${head.map(() => '---:').join('|')}|`];
  lines.push(
    `| none (shipped) | ${full.groups
      .map(
        (g) =>
          `${(rate(g.answerable) * 100).toFixed(1)}% | ${(rate(g.unanswerable) * 100).toFixed(1)}% | ${g.wrongEntity}`,
      )
      .join(' | ')} |`,
  );
  for (const row of rest)
    lines.push(
      `| ${row.name} | ${row.groups
        .map(
          (g, i) =>
            `${points(g.answerable, full.groups[i]!.answerable)} | ${points(g.unanswerable, full.groups[i]!.unanswerable)} | ${g.wrongEntity}`,
        )
        .join(' | ')} |`,
    );
  return lines.join('\n');
}
