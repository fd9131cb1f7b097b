// Answer -> what the terminal shows a person, and the JSON line tools read. Pure functions.
import { MESSAGES } from '../answer/respond.js';
import { MAX_QUESTION_LENGTH, type Answer } from '../answer/types.js';

const LABELS = {
  en: { source: 'Source', related: 'Related', confidence: 'confidence' },
  es: { source: 'Fuente', related: 'Relacionadas', confidence: 'confianza' },
};

/** Strips terminal control characters so a knowledge file or question cannot drive the terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const safe = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

export function renderText(a: Answer, { explain = false } = {}): string {
  const l = LABELS[a.lang];
  const lines: string[] = [];
  if (a.truncated) lines.push(MESSAGES.truncated[a.lang](MAX_QUESTION_LENGTH));
  lines.push(safe(a.text));
  for (const s of a.sources) lines.push(`${l.source}: ${s.title} (${s.section}) ${s.url}`);
  if (a.related.length) lines.push(`${l.related}: ${a.related.map((r) => r.question).join(' | ')}`);
  if (a.suggestions.length) {
    lines.push(MESSAGES.didYouMean[a.lang]);
    for (const s of a.suggestions) lines.push(`  - ${s.question}`);
  }
  if (explain) lines.push(renderExplain(a));
  return lines.join('\n');
}

export function renderExplain(a: Answer): string {
  const e = a.explain;
  const best = e.best
    ? `best ${e.best.factId} score ${e.best.score.toFixed(3)} (coverage ${e.best.coverage.toFixed(3)}, fuse ${e.best.fuse.toFixed(3)})`
    : 'no candidate';
  return [
    `[explain] tier: ${e.tier}; ${a.answered ? `answered ${a.factId}` : 'not answered'}; confidence ${a.confidence.toFixed(3)}; language ${a.lang}`,
    `[explain] tokens: ${e.tokens.join(' ') || '(none)'}; ${best}`,
    ...(e.reason ? [`[explain] why declined: ${e.reason}`] : []),
  ].join('\n');
}

/** The stable JSON contract of `npm run ask -- --json`. Add fields only; never rename or remove. */
export interface JsonAnswer {
  question: string;
  answered: boolean;
  answer: string;
  confidence: number;
  factId: string | null;
  /** Every fact the answer uses; factId is the first. */
  factIds: string[];
  sources: { title: string; url: string }[];
  suggestions: string[];
  /** Only for a --jsonl input line that could not be read: why. */
  error?: string;
  explain?: Answer['explain'];
}

/** `asked` is the input exactly as given (the answer's own question may have been cut). */
export function toJson(asked: string, a: Answer, { explain = false } = {}): JsonAnswer {
  return {
    question: asked,
    answered: a.answered,
    answer: a.answered ? a.text : '',
    confidence: Math.round(a.confidence * 1000) / 1000,
    factId: a.factId,
    factIds: a.factIds,
    sources: a.sources.map((s) => ({ title: s.title, url: s.url })),
    suggestions: a.suggestions.map((s) => s.question),
    ...(explain ? { explain: a.explain } : {}),
  };
}

/** The answer object for a --jsonl input line that is not a valid request: never answered, says why. */
export function errorJson(line: string, error: string): JsonAnswer {
  return {
    question: line,
    answered: false,
    answer: '',
    confidence: 0,
    factId: null,
    factIds: [],
    sources: [],
    suggestions: [],
    error,
  };
}

/** One --jsonl request: `{"question": string, "history"?: string[]}`. */
export type JsonRequest = { question: string; history: string[] } | { error: string };

export function parseJsonRequest(line: string): JsonRequest {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (err) {
    return { error: `not valid JSON: ${(err as Error).message}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { error: 'expected a JSON object like {"question": "...", "history": ["..."]}' };
  const { question, history = [] } = data as { question?: unknown; history?: unknown };
  if (typeof question !== 'string') return { error: '"question" must be a string' };
  if (!Array.isArray(history) || !history.every((h) => typeof h === 'string'))
    return { error: '"history" must be an array of strings (the earlier questions, oldest first)' };
  return { question, history };
}
