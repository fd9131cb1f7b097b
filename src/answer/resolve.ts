// Reading a question part in the light of the one before it, at the level of analysed tokens: the
// second half of "is X in A and B?" asks "is X in B?", "why not?" after "Is X in A?" asks why X is not
// in A, "what about Y?" after it asks whether Y is in A. Entities are replaced or lent kind by kind
// (places, organizations), so a part is never answered about an entity it did not ask about: "what
// about Y?" is about Y, never about X. Pure; the follow-up phrases are each language's (lang/*.yaml).
import type { Analysis } from './analyze.js';
import type { Lexicon } from './lexicon.js';
import { normalize } from './normalize.js';

type Kind = 'places' | 'organizations';
const KINDS: readonly Kind[] = ['places', 'organizations'];

const kindOf = (lexicon: Lexicon, entity: string): Kind =>
  lexicon.organizations.has(entity) ? 'organizations' : 'places';

const ofKind = (lexicon: Lexicon, entities: readonly string[], kind: Kind) =>
  entities.filter((e) => kindOf(lexicon, e) === kind);

/** Content tokens that are not entities nor mere question words: what a part asks besides whom. */
export const topicTokens = (lexicon: Lexicon, a: Analysis): string[] =>
  a.tokens.filter(
    (t) => !a.entities.includes(t) && !lexicon.questionWords.has(t) && !lexicon.focusTokens.has(t),
  );

/**
 * The previous question's tokens a later part may take: not what kind of answer it asked for (a date,
 * the members), which is that question's own ("which countries are in it?" then "has it helped?").
 */
export const carried = (lexicon: Lexicon, previous: Analysis): string[] =>
  previous.tokens.filter((t) => !lexicon.focusTokens.has(t));

/**
 * An elliptical part ("the B", "and Y?"): it names entities and says little else, so it takes
 * the previous part's question, with its entities of the same kinds replaced by its own.
 */
export function isElliptical(lexicon: Lexicon, part: Analysis): boolean {
  return part.entities.length > 0 && topicTokens(lexicon, part).length <= 1;
}

/**
 * Whether `previous` names an entity of a kind `part` names: only then can `part` take its place
 * ("is X in A and B?"). "what's up with X and A?" joins two kinds: one question about both. The home
 * entity takes no one's place: every question is about it.
 */
export const replacesAny = (lexicon: Lexicon, previous: Analysis, part: Analysis): boolean =>
  part.entities.some(
    (e) => e !== lexicon.home && previous.entities.some((p) => kindOf(lexicon, p) === kindOf(lexicon, e)),
  );

/** Whether a part names an entity besides the home one, which every question is about anyway. */
export const namesAny = (lexicon: Lexicon, part: Analysis): boolean =>
  part.entities.some((e) => e !== lexicon.home);

/**
 * `part`'s entities replace `previous`'s of the same kinds; the rest of `previous`'s question stays.
 * `nearest`: only the last entity of each kind is replaced, as in the second half of one sentence
 * ("is X in the treaty with A and B?" asks about X and B: B takes A's place, the one the conjunction
 * joins it to). Otherwise (a new turn, "what about Y?") every entity of the kind is replaced.
 */
export function substitute(lexicon: Lexicon, previous: Analysis, part: Analysis, nearest = false): Analysis {
  const kinds = new Set(part.entities.map((e) => kindOf(lexicon, e)));
  const ofKinds = previous.entities.filter((e) => kinds.has(kindOf(lexicon, e)));
  const last = (k: Kind) => ofKinds.filter((e) => kindOf(lexicon, e) === k).slice(-1);
  const dropped = new Set(nearest ? [...kinds].flatMap(last) : ofKinds);
  const kept = carried(lexicon, previous).filter((t) => !dropped.has(t));
  return {
    tokens: [...kept, ...part.tokens.filter((t) => !kept.includes(t))],
    entities: [...previous.entities.filter((e) => !dropped.has(e)), ...part.entities],
    corrections: part.corrections,
  };
}

/** A part naming no place, or no organization, borrows the previous part's ("who is in it?"). */
export function lendContext(lexicon: Lexicon, previous: Analysis, part: Analysis): Analysis {
  const lent: string[] = [];
  // The home entity is never lent: every question is about it anyway, and its token would pull a
  // question about something else ("and what is A?") towards the facts about the home entity.
  const lendable = previous.entities.filter((e) => e !== lexicon.home);
  for (const kind of KINDS)
    if (!ofKind(lexicon, part.entities, kind).length) lent.push(...ofKind(lexicon, lendable, kind));
  if (!lent.length) return part;
  return {
    tokens: [...lent, ...part.tokens],
    entities: [...lent, ...part.entities],
    corrections: part.corrections,
  };
}

/** The follow-up phrase a normalized question opens with ("what about", "y"), and the rest; null when none. */
export function followUpOpening(lexicon: Lexicon, normalized: string): { rest: string } | null {
  for (const phrase of lexicon.followUps)
    if (normalized === phrase || normalized.startsWith(`${phrase} `))
      return { rest: normalized.slice(phrase.length).trim() };
  return null;
}

/** `part` read after `previous`: elliptical parts take its question, others borrow its entities. */
export function resolveAfter(lexicon: Lexicon, previous: Analysis, part: Analysis): Analysis {
  if (!isElliptical(lexicon, part)) return lendContext(lexicon, previous, part);
  if (replacesAny(lexicon, previous, part)) return substitute(lexicon, previous, part);
  // Naming an organization after a question about the home entity and no organization ("what
  // alliances does <home> have?" then "and <org>?"): whether the home entity is in it.
  const { home } = lexicon;
  const asksOfHome =
    previous.entities.includes(home) &&
    part.entities.every((e) => lexicon.organizations.has(e)) &&
    !part.entities.includes(home);
  return asksOfHome
    ? { ...part, tokens: [...part.tokens, home], entities: [...part.entities, home] }
    : substitute(lexicon, previous, part);
}

/** Whether a text holds a word pointing back at something said before ("it", "eso"). */
export const refersBack = (lexicon: Lexicon, text: string): boolean =>
  normalize(text)
    .split(' ')
    .some((w) => lexicon.references.has(w));

/**
 * Whether a question names nothing and asks nothing of its own but ends pointing back ("who's in
 * it?", "¿qué es eso?"): alone, with nothing said before, it has no subject to answer about. (Inside a
 * question, "this" may be a determiner: "where did you get this info?")
 */
export const pointsBackAtNothing = (lexicon: Lexicon, text: string, a: Analysis): boolean =>
  !a.entities.length &&
  !topicTokens(lexicon, a).length &&
  lexicon.references.has(normalize(text).split(' ').at(-1) ?? '');
