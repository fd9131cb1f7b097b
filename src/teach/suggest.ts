// Suggestions: the questions the bot could not answer well, grouped so that a moderator decides once
// per topic. From the question log: declined questions, answers given with low confidence and answers
// voted 👎, that the current brain (learned phrasings included) still does not answer well; grouped by
// similarity as the report's gaps are, each group with its count, its spellings and the facts most
// likely to answer it. Reads the database; no Discord here.
import type { Db } from '../analytics/db.js';
import { questionKey, reportVocabulary } from '../analytics/normalize.js';
import { groupSpellings, loadReportRows, type QuestionRow } from '../analytics/report.js';
import type { Brain } from '../answer/types.js';

const DAY_MS = 86_400_000;

export interface SuggestionGroup {
  /** The question key of every spelling (analytics/normalize.ts), so a group is suggested once. */
  keys: string[];
  /** The spellings, most asked first (at most MAX_QUESTIONS). */
  questions: string[];
  /** How many times the group was asked. */
  count: number;
  reasons: { declined: number; lowConfidence: number; downvoted: number };
  /** Fact ids most likely to answer the group, best first (at most MAX_CANDIDATES). */
  candidates: string[];
}

export interface SuggestOptions {
  days?: number;
  now?: number;
  guildId?: string;
  /** An answer below this confidence counts as unsure. */
  lowConfidence?: number;
  /** Groups asked fewer times are left out: a question asked once is often noise. */
  minCount?: number;
  /** Question keys already suggested (TeachStore.suggestedKeys). */
  exclude?: ReadonlySet<string>;
  /** Only candidate facts this accepts (the teaching checks: no fact about another entity). */
  acceptable?: (question: string, factId: string) => boolean;
}

export const SUGGEST_DEFAULTS = { days: 30, lowConfidence: 0.7, minCount: 2 } as const;
const MAX_QUESTIONS = 10;
const MAX_CANDIDATES = 8;
/** Below this score the matcher's best guess is too far off to offer. */
const CANDIDATE_FLOOR = 0.25;

type Why = 'declined' | 'lowConfidence' | 'downvoted';

export function suggestionGroups(db: Db, brain: Brain, options: SuggestOptions = {}): SuggestionGroup[] {
  // The knowledge base's words (names, aliases, words every question shares), as the report groups.
  const vocabulary = reportVocabulary(brain.domain);
  const now = options.now ?? Date.now();
  const days = options.days ?? SUGGEST_DEFAULTS.days;
  const low = options.lowConfidence ?? SUGGEST_DEFAULTS.lowConfidence;
  const minCount = options.minCount ?? SUGGEST_DEFAULTS.minCount;
  const exclude = options.exclude ?? new Set<string>();
  const { questions, votes } = loadReportRows(db, now - days * DAY_MS, now, options.guildId);
  const downvoted = new Set(votes.filter((v) => v.value < 0).map((v) => v.questionId));

  // Why each question needs a moderator, judged again with today's brain: taught ones drop out.
  const why = new Map<string, Why>();
  const verdict = new Map<string, Why | null>();
  const flagged: QuestionRow[] = [];
  for (const q of questions) {
    if (q.tier === 'smalltalk' || q.tier === 'empty') continue;
    const down = downvoted.has(q.id);
    if (q.answered && (q.confidence ?? 1) >= low && !down) continue;
    const memo = `${q.lang}\u0000${q.question}\u0000${down ? q.factId : ''}`;
    let reason = verdict.get(memo);
    if (reason === undefined) {
      const a = brain.ask(q.question, { locale: q.lang, guildId: options.guildId ?? null });
      reason = !a.answered
        ? 'declined'
        : a.confidence < low
          ? 'lowConfidence'
          : down && a.factId === q.factId
            ? 'downvoted'
            : null;
      verdict.set(memo, reason);
    }
    if (!reason || exclude.has(questionKey(q.question, q.lang, vocabulary))) continue;
    why.set(String(q.id), reason);
    flagged.push(q);
  }

  const byText = new Map<string, QuestionRow[]>();
  for (const q of flagged) {
    const text = q.question.trim().replace(/\s+/g, ' ');
    byText.set(text, [...(byText.get(text) ?? []), q]);
  }

  return groupSpellings(flagged, 0.5, vocabulary)
    .map((group): SuggestionGroup => {
      const rows = group.flatMap((s) => byText.get(s.text) ?? []);
      const reasons = { declined: 0, lowConfidence: 0, downvoted: 0 };
      for (const r of rows) reasons[why.get(String(r.id))!]++;
      const spellings = group.map((s) => s.text);
      return {
        keys: [...new Set(group.map((s) => questionKey(s.text, s.lang, vocabulary)))],
        questions: spellings.slice(0, MAX_QUESTIONS),
        count: group.reduce((n, s) => n + s.count, 0),
        reasons,
        candidates: candidatesFor(brain, spellings.slice(0, MAX_QUESTIONS), options.acceptable),
      };
    })
    .filter((g) => g.count >= minCount && g.candidates.length > 0)
    .sort((a, b) => b.count - a.count || a.questions[0]!.localeCompare(b.questions[0]!));
}

/** The facts the matcher leans to for these questions, by a simple vote: its best guess weighs most. */
function candidatesFor(
  brain: Brain,
  questions: string[],
  acceptable: SuggestOptions['acceptable'] = () => true,
): string[] {
  const votes = new Map<string, number>();
  const add = (id: string | null | undefined, weight: number) => {
    if (id) votes.set(id, (votes.get(id) ?? 0) + weight);
  };
  for (const q of questions) {
    const a = brain.ask(q);
    add(a.factId, 3);
    const best = a.explain.best;
    if (best && best.score >= CANDIDATE_FLOOR) {
      add(best.factId, 3);
      // Without a near candidate the suggestions are the pinned facts, which say nothing about q.
      for (const s of a.suggestions) add(s.factId, 2);
    }
    for (const s of brain.complete(q, { limit: 3 })) add(s.factId, 1);
  }
  // The facts next to the leaders (their related questions): "what is X" leans on "are we in X".
  const leaders = [...votes].filter(([, v]) => v >= 2).map(([id]) => id);
  for (const id of leaders) for (const r of brain.answerFact(id)?.related ?? []) add(r.factId, 1);
  const lead = questions[0] ?? '';
  return [...votes]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id]) => id)
    .filter((id) => acceptable(lead, id))
    .slice(0, MAX_CANDIDATES);
}
