// Match results -> Answer objects, in the question's language. The wording of every message the
// bot says on its own (declines, empty questions) lives here, in both languages.
import { displayName } from './entities.js';
import type { MatchResult } from './match.js';
import type { Fact } from '../knowledge/schema.js';
import type { Answer, Explain, Lang, Suggestion, Tier } from './types.js';

export const MESSAGES = {
  empty: {
    en: 'Ask me a question about Mexico\'s international alliances, for example "Is Mexico in NATO?"',
    es: 'Hazme una pregunta sobre las alianzas internacionales de México, por ejemplo "¿México está en la OTAN?"',
  },
  notSure: {
    en: "I'm not sure I can answer that from what I know, so I won't guess. I answer questions about Mexico's international alliances.",
    es: 'No estoy seguro de poder responder eso con lo que sé, así que no voy a adivinar. Respondo preguntas sobre las alianzas internacionales de México.',
  },
  foreign: {
    en: (names: string) =>
      `I only have facts about Mexico's alliances, and nothing that answers this about ${names}, so I won't guess.`,
    es: (names: string) =>
      `Solo tengo datos sobre las alianzas de México, y nada que responda esto sobre ${names}, así que no voy a adivinar.`,
  },
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

const listNames = (names: string[], lang: Lang) => {
  const shown = names.map(displayName);
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
    topic: null,
    sources: [],
    related: [],
    suggestions: suggestions.map((f) => suggestionFor(f, base.lang)),
    explain: explainOf(tier, result, reason),
  };
}

export function declineText(result: Extract<MatchResult, { tier: 'declined' }>, lang: Lang): string {
  return result.foreign.length
    ? MESSAGES.foreign[lang](listNames(result.foreign, lang))
    : MESSAGES.notSure[lang];
}
