// Builds the question-log report: what people asked over the last N days, how often the bot could
// answer, which missing topics come up again and again, and which facts people vote down. Reading
// the database is one function (loadReportRows); everything after it is pure and renders to text
// or Markdown.
import type { Db } from './db.js';
import {
  EMPTY_VOCABULARY,
  foldText,
  questionKey,
  tokenSimilarity,
  topicTokens,
  type ReportVocabulary,
} from './normalize.js';
import { normalize } from '../text/fold.js';
import type { Lang } from '../answer/types.js';

const DAY_MS = 86_400_000;

export interface ReportOptions {
  days: number;
  /** End of the window, milliseconds since the epoch; now by default. */
  now?: number;
  /** Rows in each list. */
  limit?: number;
  /** Minimum token similarity (0..1) for two unanswered questions to be one gap. */
  gapSimilarity?: number;
  /** The knowledge base's words (entity names, the home entity): see reportVocabulary. */
  vocabulary?: ReportVocabulary;
  /** Only questions asked in this Discord server (for /stats, so one server never sees another's questions). */
  guildId?: string;
}

export interface QuestionRow {
  id: number;
  askedAt: number;
  source: string;
  question: string;
  lang: Lang;
  tier: string;
  factId: string | null;
  answered: boolean;
  latencyMs: number;
  /** The matcher's confidence, 0..1 (suggestions for teaching look at unsure answers). */
  confidence?: number;
}

export interface VoteRow {
  questionId: number;
  value: number;
}

export interface TopQuestion {
  /** The most common spelling. */
  question: string;
  key: string;
  count: number;
  answered: number;
  /** The fact it was answered with most often, if any. */
  factId: string | null;
}

export interface Gap {
  /** The most common spelling of the missing topic. */
  question: string;
  /** Topic words shared by the group (from its most asked spelling). */
  keywords: string[];
  count: number;
  /** Other spellings, most asked first (at most five). */
  variants: string[];
  lastAskedAt: number;
}

export interface DownvotedFact {
  factId: string;
  down: number;
  up: number;
  /** Questions that got this fact and a 👎, most voted first (at most three). */
  questions: string[];
}

/** What teaching did for the questions of the window (see src/teach/ and docs/analytics.md). */
export interface TeachingFigures {
  /** Learned phrasings in force now (the whole bot). */
  learned: number;
  /** Factual questions of the window the bot did not answer... */
  declined: number;
  /** ...of which a moderator has since taught the very question (same text, folded). */
  taught: number;
  /** The answer rate over the same questions had the taught ones been answered (they are now). */
  answerRateAfter: number | null;
}

export interface Report {
  days: number;
  from: number;
  to: number;
  asked: number;
  /** Questions that wanted a fact: everything except greetings and empty messages. */
  factual: number;
  answered: number;
  /** answered / factual, or null when nothing factual was asked. */
  answerRate: number | null;
  bySource: Record<string, number>;
  byLang: Record<string, number>;
  latencyMs: { p50: number; p95: number } | null;
  topQuestions: TopQuestion[];
  gaps: Gap[];
  downvotedFacts: DownvotedFact[];
  /** Always set by summarize; optional so that hand-built reports (tests, /stats) need not carry it. */
  teaching?: TeachingFigures;
}

/** Tiers that are not a request for a fact, and so are neither answered nor a gap. */
const NOT_FACTUAL = new Set(['smalltalk', 'empty']);

/** Reads the questions asked in the window and the votes on them. */
export function loadReportRows(
  db: Db,
  from: number,
  to: number,
  guildId?: string,
): { questions: QuestionRow[]; votes: VoteRow[] } {
  // `? IS NULL OR guild_id = ?`: one statement for the whole log and for one server.
  const guild = guildId ?? null;
  const questions = db
    .prepare<
      [number, number, string | null, string | null],
      Omit<QuestionRow, 'answered'> & { answered: number }
    >(
      `SELECT id, asked_at AS askedAt, source, question, lang, tier, fact_id AS factId, answered,
              latency_ms AS latencyMs, confidence
       FROM questions WHERE asked_at >= ? AND asked_at <= ? AND (? IS NULL OR guild_id = ?) ORDER BY id`,
    )
    .all(from, to, guild, guild)
    .map((r) => ({ ...r, answered: r.answered === 1 }));
  const votes = db
    .prepare<[number, number, string | null, string | null], VoteRow>(
      `SELECT v.question_id AS questionId, v.value FROM votes v JOIN questions q ON q.id = v.question_id
       WHERE q.asked_at >= ? AND q.asked_at <= ? AND (? IS NULL OR q.guild_id = ?)`,
    )
    .all(from, to, guild, guild);
  return { questions, votes };
}

/** The report for the `days` days up to `now`, read from an open question log database. */
export function buildReport(db: Db, options: ReportOptions): Report {
  const to = options.now ?? Date.now();
  const from = to - options.days * DAY_MS;
  const { questions, votes } = loadReportRows(db, from, to, options.guildId);
  return summarize(questions, votes, { ...options, now: to }, loadLearnedKeys(db));
}

/**
 * The folded text of every learned phrasing (the key it is owned under: normalize, as in
 * src/knowledge/learned.ts). Empty when the file predates teaching and was opened read-only.
 */
export function loadLearnedKeys(db: Db): Set<string> {
  try {
    return new Set(db.prepare<[], string>('SELECT phrasing_key FROM learned_phrasings').pluck().all());
  } catch {
    return new Set();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Entries by count, highest first, ties in a stable alphabetical order. */
function ranked(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The spelling shown for a group: the one typed most often (trimmed, spaces collapsed). */
function display(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** The pure part: rows in, report out. */
export function summarize(
  questions: readonly QuestionRow[],
  votes: readonly VoteRow[],
  options: ReportOptions,
  learnedKeys: ReadonlySet<string> = new Set(),
): Report {
  const to = options.now ?? Date.now();
  const limit = options.limit ?? 10;
  const factualRows = questions.filter((q) => !NOT_FACTUAL.has(q.tier));
  const answered = factualRows.filter((q) => q.answered).length;
  const latencies = questions.map((q) => q.latencyMs).sort((a, b) => a - b);

  return {
    days: options.days,
    from: to - options.days * DAY_MS,
    to,
    asked: questions.length,
    factual: factualRows.length,
    answered,
    answerRate: factualRows.length > 0 ? answered / factualRows.length : null,
    bySource: Object.fromEntries(ranked(countBy(questions, (q) => q.source))),
    byLang: Object.fromEntries(ranked(countBy(questions, (q) => q.lang))),
    latencyMs:
      latencies.length > 0 ? { p50: percentile(latencies, 50), p95: percentile(latencies, 95) } : null,
    topQuestions: topQuestions(factualRows, limit, options.vocabulary ?? EMPTY_VOCABULARY),
    gaps: findGaps(
      factualRows.filter((q) => !q.answered),
      options.gapSimilarity ?? 0.5,
      options.vocabulary,
    ).slice(0, limit),
    downvotedFacts: downvotedFacts(questions, votes, limit),
    teaching: teachingFigures(factualRows, answered, learnedKeys),
  };
}

function teachingFigures(
  factualRows: readonly QuestionRow[],
  answered: number,
  learnedKeys: ReadonlySet<string>,
): TeachingFigures {
  const declinedRows = factualRows.filter((q) => !q.answered);
  const taught = declinedRows.filter((q) => learnedKeys.has(normalize(q.question.trim()))).length;
  return {
    learned: learnedKeys.size,
    declined: declinedRows.length,
    taught,
    answerRateAfter: factualRows.length > 0 ? (answered + taught) / factualRows.length : null,
  };
}

function topQuestions(
  rows: readonly QuestionRow[],
  limit: number,
  vocabulary: ReportVocabulary,
): TopQuestion[] {
  const groups = new Map<string, QuestionRow[]>();
  // The same few questions come back thousands of times: normalize each spelling once.
  const keys = new Map<string, string>();
  for (const row of rows) {
    const spelling = `${row.lang}\u0000${row.question}`;
    const key = keys.get(spelling) ?? questionKey(row.question, row.lang, vocabulary);
    keys.set(spelling, key);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups]
    .map(([key, members]): TopQuestion => {
      const facts = ranked(
        countBy(
          members.filter((m) => m.factId !== null),
          (m) => m.factId!,
        ),
      );
      return {
        question: ranked(countBy(members, (m) => display(m.question)))[0]![0],
        key,
        count: members.length,
        answered: members.filter((m) => m.answered).length,
        factId: facts[0]?.[0] ?? null,
      };
    })
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, limit);
}

export interface Spelling {
  text: string;
  lang: Lang;
  tokens: string[];
  count: number;
  lastAskedAt: number;
}

/**
 * Groups unanswered questions into missing topics. Spellings are taken most asked first; each joins
 * the group holding its most similar spelling when the similarity reaches the threshold, or starts a
 * new group. Questions with no topic words ("??", "hello there") only group when identical.
 */
export function findGaps(
  unanswered: readonly QuestionRow[],
  threshold: number,
  vocabulary: ReportVocabulary = EMPTY_VOCABULARY,
): Gap[] {
  return groupSpellings(unanswered, threshold, vocabulary)
    .map((group): Gap => {
      const [lead, ...rest] = group;
      return {
        question: lead!.text,
        keywords: lead!.tokens,
        count: group.reduce((sum, s) => sum + s.count, 0),
        variants: rest.map((s) => s.text).slice(0, 5),
        lastAskedAt: Math.max(...group.map((s) => s.lastAskedAt)),
      };
    })
    .sort(
      (a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt || a.question.localeCompare(b.question),
    );
}

/** The grouping behind findGaps: every spelling of each group, the most asked first (teaching uses all). */
export function groupSpellings(
  unanswered: readonly QuestionRow[],
  threshold: number,
  vocabulary: ReportVocabulary = EMPTY_VOCABULARY,
): Spelling[][] {
  const byText = new Map<string, Spelling>();
  for (const row of unanswered) {
    const text = display(row.question);
    const folded = foldText(text) || text;
    const seen = byText.get(folded);
    if (seen) {
      seen.count++;
      seen.lastAskedAt = Math.max(seen.lastAskedAt, row.askedAt);
    } else {
      byText.set(folded, {
        text,
        lang: row.lang,
        tokens: topicTokens(text, row.lang, vocabulary),
        count: 1,
        lastAskedAt: row.askedAt,
      });
    }
  }
  // Most asked first; among equals the most recent, so a group is shown in its latest words.
  const spellings = [...byText.values()].sort(
    (a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt || a.text.localeCompare(b.text),
  );

  const groups: Spelling[][] = [];
  for (const spelling of spellings) {
    let best: Spelling[] | undefined;
    let bestScore = 0;
    if (spelling.tokens.length > 0) {
      for (const group of groups) {
        for (const member of group) {
          if (member.tokens.length === 0) continue;
          const score = tokenSimilarity(spelling.tokens, member.tokens);
          if (score > bestScore) [best, bestScore] = [group, score];
        }
      }
    }
    if (best && bestScore >= threshold) best.push(spelling);
    else groups.push([spelling]);
  }
  return groups;
}

function downvotedFacts(
  questions: readonly QuestionRow[],
  votes: readonly VoteRow[],
  limit: number,
): DownvotedFact[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const facts = new Map<string, { down: number; up: number; downQuestions: Map<string, number> }>();
  for (const vote of votes) {
    const question = byId.get(vote.questionId);
    if (!question?.factId) continue;
    const fact = facts.get(question.factId) ?? { down: 0, up: 0, downQuestions: new Map<string, number>() };
    facts.set(question.factId, fact);
    if (vote.value > 0) fact.up++;
    else {
      fact.down++;
      const text = display(question.question);
      fact.downQuestions.set(text, (fact.downQuestions.get(text) ?? 0) + 1);
    }
  }
  return [...facts]
    .filter(([, f]) => f.down > 0)
    .map(([factId, f]) => ({
      factId,
      down: f.down,
      up: f.up,
      questions: ranked(f.downQuestions)
        .slice(0, 3)
        .map(([text]) => text),
    }))
    .sort((a, b) => b.down - a.down || a.up - b.up || a.factId.localeCompare(b.factId))
    .slice(0, limit);
}

// Rendering ---------------------------------------------------------------------------------------

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const percent = (rate: number | null) => (rate === null ? 'n/a' : `${Math.round(rate * 100)}%`);
const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

function teachingLines(r: Report): string[] {
  const t = r.teaching;
  if (!t) return ['n/a'];
  return [
    `Learned phrasings in force: ${t.learned}`,
    `Declined questions taught since: ${t.taught} of ${t.declined}`,
    `Answer rate on these questions: ${percent(r.answerRate)} as answered, ${percent(t.answerRateAfter)} with what was taught`,
  ];
}

function summaryLines(r: Report): string[] {
  return [
    `Questions asked: ${r.asked} (${counts(r.bySource)}; languages: ${counts(r.byLang)})`,
    `Answered: ${r.answered} of ${r.factual} factual questions (${percent(r.answerRate)}); ` +
      `${r.asked - r.factual} greetings or empty messages not counted`,
    r.latencyMs
      ? `Time to answer: median ${r.latencyMs.p50.toFixed(1)} ms, 95th percentile ${r.latencyMs.p95.toFixed(1)} ms`
      : 'Time to answer: n/a',
  ];
}

export function renderReportText(r: Report): string {
  const out = [
    `Question log report: last ${r.days === 1 ? 'day' : `${r.days} days`} (${day(r.from)} to ${day(r.to)})`,
    '',
    ...summaryLines(r),
  ];
  out.push('', 'Top questions:');
  if (r.topQuestions.length === 0) out.push('  (none)');
  r.topQuestions.forEach((q, i) =>
    out.push(
      `  ${i + 1}. ${q.question}  x${q.count}, answered ${q.answered}` + (q.factId ? ` [${q.factId}]` : ''),
    ),
  );
  out.push('', 'Gaps (unanswered, similar spellings grouped):');
  if (r.gaps.length === 0) out.push('  (none)');
  r.gaps.forEach((g, i) => {
    out.push(`  ${i + 1}. ${g.question}  x${g.count}, last ${day(g.lastAskedAt)}`);
    if (g.variants.length > 0) out.push(`     also: ${g.variants.map((v) => `"${v}"`).join(', ')}`);
  });
  out.push('', 'Facts voted down:');
  if (r.downvotedFacts.length === 0) out.push('  (none)');
  r.downvotedFacts.forEach((f, i) => {
    out.push(`  ${i + 1}. ${f.factId}  down ${f.down}, up ${f.up}`);
    if (f.questions.length > 0) out.push(`     asked as: ${f.questions.map((q) => `"${q}"`).join(', ')}`);
  });
  out.push(
    '',
    'Teaching (npm run teach, /teach, staff channel suggestions):',
    ...teachingLines(r).map((l) => `  ${l}`),
  );
  return out.join('\n') + '\n';
}

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([*_`<>[\]])/g, '\\$1');
}

export function renderReportMarkdown(r: Report): string {
  const out = [`# Question log: last ${r.days} days`, '', `${day(r.from)} to ${day(r.to)}`, ''];
  out.push(...summaryLines(r).map((line) => `- ${line}`));
  out.push('', '## Top questions', '');
  if (r.topQuestions.length === 0) out.push('None.');
  else {
    out.push('| # | Question | Asked | Answered | Fact |', '|---|---|---:|---:|---|');
    r.topQuestions.forEach((q, i) =>
      out.push(
        `| ${i + 1} | ${cell(q.question)} | ${q.count} | ${q.answered} | ${q.factId ? `\`${q.factId}\`` : ''} |`,
      ),
    );
  }
  out.push('', '## Gaps', '', 'Unanswered questions, similar spellings grouped as one topic.', '');
  if (r.gaps.length === 0) out.push('None.');
  else {
    out.push('| # | Question | Asked | Other spellings | Last asked |', '|---|---|---:|---|---|');
    r.gaps.forEach((g, i) =>
      out.push(
        `| ${i + 1} | ${cell(g.question)} | ${g.count} | ${g.variants.map(cell).join('; ')} | ${day(g.lastAskedAt)} |`,
      ),
    );
  }
  out.push('', '## Facts voted down', '');
  if (r.downvotedFacts.length === 0) out.push('None.');
  else {
    out.push('| # | Fact | 👎 | 👍 | Asked as |', '|---|---|---:|---:|---|');
    r.downvotedFacts.forEach((f, i) =>
      out.push(`| ${i + 1} | \`${f.factId}\` | ${f.down} | ${f.up} | ${f.questions.map(cell).join('; ')} |`),
    );
  }
  out.push('', '## Teaching', '', ...teachingLines(r).map((line) => `- ${line}`));
  return out.join('\n') + '\n';
}
