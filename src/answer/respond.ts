// Match results -> Answer objects, in the question's language. What the bot says on its own about
// its subject (declines, empty questions) is the knowledge base's persona (persona.yaml); the
// messages here say nothing about any subject.
import { displayName, fill, type Lexicon } from './lexicon.js';
import type { MatchResult } from './match.js';
import type { Fact } from '../knowledge/schema.js';
import type { Answer, Explain, Lang, Suggestion, Tier } from './types.js';

export const MESSAGES = {
  didYouMean: { en: 'Did you mean:', es: '¿Quisiste decir:' },
  truncated: {
    en: (max: number) => `Your question was long, so I only read its first ${max} characters.`,
    es: (max: number) => `Tu pregunta era larga, así que solo leí sus primeros ${max} caracteres.`,
  },
} as const;

export const suggestionFor = (fact: Fact, lang: Lang): Suggestion => ({
  factId: fact.id,
  question: lang === 'es' ? fact.es.question : fact.question,
});

const listNames = (lexicon: Lexicon, names: string[], lang: Lang) => {
  const shown = names.map((n) => displayName(lexicon, n));
  if (shown.length < 2) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${lang === 'es' ? 'y' : 'and'} ${shown.at(-1)}`;
};

interface Base {
  question: string;
  lang: Lang;
  truncated: boolean;
}

const explainOf = (tier: Tier, result: MatchResult | null, reason: string | null): Explain => {
  const best = result?.candidates[0];
  return {
    tier,
    tokens: result?.analysis.tokens ?? [],
    best: best ? { factId: best.factId, score: best.score, coverage: best.coverage, fuse: best.fuse } : null,
    reason,
  };
};

export function factAnswer(
  base: Base,
  fact: Fact,
  related: Fact[],
  confidence: number,
  result: MatchResult | null,
): Answer {
  const tier: Tier = result?.tier === 'fuzzy' ? 'fuzzy' : 'exact';
  return {
    question: base.question,
    lang: base.lang,
    truncated: base.truncated,
    answered: true,
    text: base.lang === 'es' ? fact.es.answer : fact.answer,
    confidence,
    factId: fact.id,
    factIds: [fact.id],
    topic: fact.topic,
    sources: fact.sources,
    related: related.map((f) => suggestionFor(f, base.lang)),
    suggestions: [],
    explain: explainOf(tier, result, null),
  };
}

export function declineAnswer(
  base: Base,
  tier: 'declined' | 'empty' | 'smalltalk',
  text: string,
  suggestions: Fact[],
  result: MatchResult | null,
  reason: string | null,
): Answer {
  return {
    question: base.question,
    lang: base.lang,
    truncated: base.truncated,
    answered: false,
    text,
    confidence: result?.candidates[0]?.score ?? 0,
    factId: null,
    factIds: [],
    topic: null,
    sources: [],
    related: [],
    suggestions: suggestions.map((f) => suggestionFor(f, base.lang)),
    explain: explainOf(tier, result, reason),
  };
}

export function declineText(
  lexicon: Lexicon,
  result: Extract<MatchResult, { tier: 'declined' }>,
  lang: Lang,
): string {
  const { messages } = lexicon.persona;
  return result.foreign.length
    ? fill(messages.foreign[lang], { names: listNames(lexicon, result.foreign, lang) })
    : messages.notSure[lang];
}
