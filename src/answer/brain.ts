// The brain every transport talks to: question in, Answer out. Cuts over-long questions, detects the
// language, handles small talk, asks the matcher, and builds the Answer. No I/O.
import Fuse, { type FuseIndex } from 'fuse.js';
import { detectLang, langOfLocale } from './lang.js';
import { Matcher } from './match.js';
import { normalize } from './normalize.js';
import { declineAnswer, declineText, factAnswer } from './respond.js';
import { smallTalkOf } from './smalltalk.js';
import type { Fact, KnowledgeBase } from '../knowledge/schema.js';
import {
  MAX_QUESTION_LENGTH,
  type Answer,
  type AskOptions,
  type Brain,
  type Lang,
  type Suggestion,
} from './types.js';
/** "Did you mean" suggestions shown when a question is declined. */
const MAX_SUGGESTIONS = 3;
/** A declined question's candidates below this score are too far off to suggest. */
const SUGGEST_FLOOR = 0.25;
/** Discord allows at most 25 autocomplete choices. */
const MAX_COMPLETIONS = 25;

/** An autocomplete entry: one phrasing of a fact. */
interface Completion {
  text: string;
  id: string;
}
const COMPLETION_KEYS = ['text'];
const completionsOf = (facts: Fact[]): Completion[] =>
  facts.flatMap((f) =>
    [f.question, ...f.alternates, f.es.question, ...f.es.alternates].map((text) => ({ text, id: f.id })),
  );

/**
 * What a brain is made of, as plain data and the matcher: everything indexing builds. A start-up
 * snapshot (src/knowledge/snapshot.ts) stores these and restores a brain from them.
 */
export interface BrainParts {
  matcher: Matcher;
  /** The autocomplete index over every phrasing, in Fuse.js's JSON form (read back by Fuse.parseIndex). */
  completionIndex: ReturnType<FuseIndex<Completion>['toJSON']>;
}

/** Indexes a knowledge base: the slow part of building a brain. */
export function buildBrainParts(kb: KnowledgeBase): BrainParts {
  const matcher = new Matcher(kb);
  const completionIndex = Fuse.createIndex(COMPLETION_KEYS, completionsOf(matcher.facts)).toJSON();
  return { matcher, completionIndex };
}

export function createBrain(kb: KnowledgeBase): Brain {
  return brainFromParts(buildBrainParts(kb));
}

export function brainFromParts({ matcher, completionIndex }: BrainParts): Brain {
  const facts = matcher.facts;
  const byId = new Map(facts.map((f) => [f.id, f]));
  const pinned = facts.filter((f) => f.pinned);
  const completions = new Fuse(
    completionsOf(facts),
    {
      keys: COMPLETION_KEYS,
      includeScore: true,
      ignoreLocation: true,
      ignoreDiacritics: true,
      threshold: 0.35,
    },
    Fuse.parseIndex<Completion>(completionIndex),
  );

  const { lexicon } = matcher;
  const { persona } = lexicon;
  const smallTalk = smallTalkOf(lexicon);
  const related = (f: Fact) => f.related.map((id) => byId.get(id)).filter((x): x is Fact => !!x);

  function ask(question: string, options: AskOptions = {}): Answer {
    const raw = typeof question === 'string' ? question : '';
    const truncated = raw.length > MAX_QUESTION_LENGTH;
    const text = truncated ? raw.slice(0, MAX_QUESTION_LENGTH) : raw;
    const lang = detectLang(lexicon, text, options.locale);
    const base = { question: text, lang, truncated };

    if (!normalize(text))
      return declineAnswer(
        base,
        'empty',
        persona.messages.empty[lang],
        pinned.slice(0, 3),
        null,
        'empty question',
      );
    const kind = smallTalk.kind(text);
    if (kind)
      return declineAnswer(base, 'smalltalk', smallTalk.reply(kind, lang), [], null, `small talk (${kind})`);

    const result = matcher.match(text, lang);
    if (result.tier !== 'declined') {
      const fact = byId.get(result.factId)!;
      return factAnswer(base, fact, related(fact), result.score, result);
    }
    const near = result.candidates
      .filter((c) => c.score >= SUGGEST_FLOOR)
      .slice(0, MAX_SUGGESTIONS)
      .map((c) => byId.get(c.factId)!);
    return declineAnswer(
      base,
      'declined',
      declineText(lexicon, result, lang),
      near.length ? near : pinned.slice(0, MAX_SUGGESTIONS),
      result,
      result.reason,
    );
  }

  function complete(input: string, options: AskOptions & { limit?: number } = {}): Suggestion[] {
    const limit = Math.min(options.limit ?? MAX_COMPLETIONS, MAX_COMPLETIONS);
    const typed = (input ?? '').slice(0, MAX_QUESTION_LENGTH).trim();
    if (!typed) {
      const lang: Lang = langOfLocale(options.locale);
      return pinned
        .slice(0, limit)
        .map((f) => ({ factId: f.id, question: lang === 'es' ? f.es.question : f.question }));
    }
    // Show questions in the language being typed (the locale breaks ties), whatever phrasing matched.
    const lang = detectLang(lexicon, typed, options.locale);
    const seen = new Set<string>();
    const out: Suggestion[] = [];
    for (const r of completions.search(typed, { limit: limit * 4 })) {
      if (seen.has(r.item.id)) continue;
      seen.add(r.item.id);
      const f = byId.get(r.item.id)!;
      out.push({ factId: f.id, question: lang === 'es' ? f.es.question : f.question });
      if (out.length >= limit) break;
    }
    return out;
  }

  function answerFact(factId: string, options: AskOptions = {}): Answer | null {
    const fact = byId.get(factId);
    if (!fact) return null;
    const lang: Lang = langOfLocale(options.locale);
    const question = lang === 'es' ? fact.es.question : fact.question;
    return factAnswer({ question, lang, truncated: false }, fact, related(fact), 1, null);
  }

  return {
    ask,
    complete,
    answerFact,
    facts: () => facts,
    factCount: facts.length,
    persona,
    domain: lexicon.domain,
    detectLang: (text, locale) => detectLang(lexicon, text, locale),
  };
}
