// The brain every transport talks to: question in, Answer out. Cuts over-long questions, detects the
// language, handles small talk, asks the matcher, and builds the Answer. No I/O.
import Fuse, { type FuseIndex } from 'fuse.js';
import { detectLang, langOfLocale } from './lang.js';
import { Matcher } from './match.js';
import { shorthandExpander } from './lexicon.js';
import { normalize } from './normalize.js';
import type { MatchResult } from './match.js';
import { declineAnswer, declineText, factAnswer } from './respond.js';
import { combineAnswers } from './combine.js';
import { mayHoldSeveral, questionParts } from './conversation.js';
import { smallTalkOf } from './smalltalk.js';
import { pointsBackAtNothing } from './resolve.js';
import type { BrainOptions } from './components.js';
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
/** What every Answer of one question shares. */
interface Base {
  question: string;
  lang: Lang;
  truncated: boolean;
}
/** Discord allows at most 25 autocomplete choices. */
const MAX_COMPLETIONS = 25;

/** An autocomplete entry: one phrasing of a fact. */
interface Completion {
  text: string;
  id: string;
}
const COMPLETION_KEYS = ['text'];
/** A fact's phrasings, in the order the autocomplete index holds them. */
const phrasingsOf = (f: Fact): string[] => [f.question, ...f.alternates, f.es.question, ...f.es.alternates];
const completionsOf = (facts: Fact[]): Completion[] =>
  facts.flatMap((f) => phrasingsOf(f).map((text) => ({ text, id: f.id })));

/**
 * What a brain is made of, as plain data and the matcher: everything indexing builds. A start-up
 * snapshot (src/startup/snapshot.ts) stores these and restores a brain from them.
 */
export interface BrainParts {
  matcher: Matcher;
  /** Learned phrasings: the key of a question's tokens -> the fact taught for it, everywhere or in one server. */
  learned: Map<string, { factId: string; guildId: string | null }[]>;
  /** The autocomplete index over every phrasing, in Fuse.js's JSON form (read back by Fuse.parseIndex). */
  completionIndex: ReturnType<FuseIndex<Completion>['toJSON']>;
}

/** A question's tokens as a key: distinct, sorted, so word order does not matter. */
const tokenKey = (tokens: string[]) => [...new Set(tokens)].sort().join(' ');

/** Indexes a knowledge base: the slow part of building a brain. */
export function buildBrainParts(kb: KnowledgeBase, options: BrainOptions = {}): BrainParts {
  const matcher = new Matcher(kb, options);
  const expand = shorthandExpander(matcher.lexicon);
  const completionIndex = Fuse.createIndex(COMPLETION_KEYS, completionsOf(matcher.facts)).toJSON();
  // Keyed as questions are analyzed (typo correction included), so the phrasing as taught matches.
  const learned: BrainParts['learned'] = new Map();
  for (const l of kb.learned ?? []) {
    const key = tokenKey(matcher.analyzer.analyze(expand(l.phrasing), l.lang).tokens);
    if (!key || !matcher.fact(l.factId)) continue;
    const entries = learned.get(key) ?? [];
    // Everywhere-phrasings first: they win over a server's own.
    const entry = { factId: l.factId, guildId: l.guildId ?? null };
    learned.set(key, entry.guildId === null ? [entry, ...entries] : [...entries, entry]);
  }
  return { matcher, learned, completionIndex };
}

export function createBrain(kb: KnowledgeBase, options: BrainOptions = {}): Brain {
  return brainFromParts(buildBrainParts(kb, options), options);
}

export function brainFromParts(
  { matcher, learned, completionIndex }: BrainParts,
  options: BrainOptions = {},
): Brain {
  const off = new Set(options.off);
  const facts = matcher.facts;
  const byId = new Map(facts.map((f) => [f.id, f]));
  const pinned = facts.filter((f) => f.pinned);
  // Fuse.js searches the index's records and returns the document at the record's position: there,
  // the fact the phrasing belongs to (one per phrasing, the facts themselves rather than copies).
  const completions = new Fuse<Fact>(
    facts.flatMap((f) => phrasingsOf(f).map(() => f)),
    {
      keys: COMPLETION_KEYS,
      includeScore: true,
      ignoreLocation: true,
      ignoreDiacritics: true,
      threshold: 0.35,
    },
    Fuse.parseIndex<Fact>(completionIndex),
  );

  const { lexicon } = matcher;
  const { persona } = lexicon;
  const expand = shorthandExpander(lexicon);
  const smallTalk = smallTalkOf(lexicon);
  const related = (f: Fact) => f.related.map((id) => byId.get(id)).filter((x): x is Fact => !!x);

  function ask(question: string, options: AskOptions = {}): Answer {
    const raw = typeof question === 'string' ? question : '';
    const truncated = raw.length > MAX_QUESTION_LENGTH;
    const asked = truncated ? raw.slice(0, MAX_QUESTION_LENGTH) : raw;
    // Read with its chat shorthand written out; the Answer shows the question as asked.
    const text = expand(asked);
    const lang = detectLang(lexicon, text, options.locale);
    const base = { question: asked, lang, truncated };

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

    // A learned phrasing routes its exact question to its fact; it was checked to name no entity the
    // fact is not about, and the same words mean the same entities.
    if (learned.size) {
      const analysis = matcher.analyzer.analyze(text, lang);
      const entry = learned
        .get(tokenKey(analysis.tokens))
        ?.find((e) => e.guildId === null || e.guildId === options.guildId);
      const taught = entry && byId.get(entry.factId);
      if (taught)
        return factAnswer(base, taught, related(taught), 1, {
          tier: 'exact',
          factId: taught.id,
          score: 1,
          analysis,
          candidates: [],
        });
    }
    const history = off.has('follow-ups')
      ? []
      : (options.history?.filter((h) => typeof h === 'string').map(expand) ?? []);
    if (history.length || (!off.has('parts') && mayHoldSeveral(text, lexicon)))
      return askParts(base, text, history);
    const result = matcher.match(text, lang);
    if (result.tier !== 'declined' && pointsBackAtNothing(lexicon, text, result.analysis))
      return answerOf(base, {
        tier: 'declined',
        reason: 'points back at something not said before',
        foreign: [],
        analysis: result.analysis,
        candidates: result.candidates,
      });
    return answerOf(base, result);
  }

  /** One match result -> the Answer: the fact, or a decline with "did you mean" suggestions. */
  function answerOf(base: Base, result: MatchResult): Answer {
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
      declineText(lexicon, result, base.lang),
      near.length ? near : pinned.slice(0, MAX_SUGGESTIONS),
      result,
      result.reason,
    );
  }

  const partsContext = {
    analyzer: matcher.analyzer,
    lexicon,
    whole: off.has('parts'),
    isSmallTalk: (t: string) => smallTalk.kind(t) !== null,
  };

  /**
   * A message that may hold several questions, or follows earlier ones: each question part is
   * matched in its context (conversation.ts). The parts the knowledge base answers are answered in
   * one reply, which says plainly which parts it cannot answer; nothing answered, the message is
   * declined as one question would be.
   */
  function askParts(base: Base, text: string, history: readonly string[]): Answer {
    const parts = questionParts(partsContext, text, base.lang, history);
    if (!parts.length) return answerOf(base, matcher.match(text, base.lang));
    const results = parts.map((p) => {
      const read = matcher.matchAnalysis(p.analysis);
      if (!p.standalone) return read;
      // A follow-up naming nothing ("does it cooperate on X?") may read better on its own: the
      // reading that matches better wins, and the conversation's on a tie.
      const alone = matcher.matchAnalysis(p.standalone);
      const score = (r: MatchResult) => (r.tier === 'declined' ? -1 : r.score);
      if (p.contextFirst && read.tier !== 'declined') return read;
      return score(alone) > score(read) ? alone : read;
    });
    const answered: Extract<MatchResult, { factId: string }>[] = [];
    const unanswered: string[] = [];
    results.forEach((r, i) => {
      if (r.tier === 'declined') unanswered.push(parts[i]!.shown);
      else if (!answered.some((a) => a.factId === r.factId)) answered.push(r);
    });
    if (!answered.length) {
      // One question declined: the most telling reason (an entity no fact is about) first.
      const declined = results.find((r) => r.tier === 'declined' && r.foreign.length) ?? results.at(-1)!;
      return answerOf(base, declined);
    }
    const answers = answered.map((r) => answerOf(base, r));
    if (answers.length === 1 && !unanswered.length) return answers[0]!;
    return combineAnswers(base, answers, unanswered, persona);
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
      const f = r.item;
      if (seen.has(f.id)) continue;
      seen.add(f.id);
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
