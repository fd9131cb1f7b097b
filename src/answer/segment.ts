// A message -> its sentences, each marked as asking something or not. Discord messages often give
// context first and ask last ("I read an article about ... so, is it ...?"), or ask two things; the
// brain matches the sentences that ask rather than the whole message. Pure; the words that start a
// question are each language's (lang/*.yaml questionStarts).
import { opensAsQuestion, type Lexicon } from './lexicon.js';
import { normalize } from './normalize.js';

export interface Segment {
  /** The sentence as written, trimmed. */
  text: string;
  /**
   * Ends with a question mark, opens with ¿, starts with a word that asks, or starts with a
   * conjunction and holds a question word (lang/*.yaml).
   */
  question: boolean;
}

/** Sentence ends: . ! ? … followed by space, a line break, an opening ¿ / ¡, or a list item ("2) ", "3. "). */
const BOUNDARY = /(?<=[.!?…])\s+|\s*\n+\s*|(?=[¿¡])|\s+(?=\d{1,2}[.)]\s)/u;
/** A list item's number, dropped from its sentence. */
const LIST_MARK = /^\d{1,2}[.)]\s*/u;
/** A colon followed by more: what comes after it may be the question ("can you confirm: is X in Y?"). */
const COLON = /:\s+(?=\S)/gu;
/**
 * A piece ending in letters and periods ("U.S.", "e.g.") or in one capital letter and a period (an
 * initial) is an abbreviation, not a sentence; a short word ending a sentence ("... part of it.") is not.
 */
const ABBREVIATION = /(?:(?:^|[\s(])(?:\p{L}\.){2,}|(?:^|\s)\p{Lu}\.)$/u;

/** Whether a message holds more than one sentence: cheap, so a one-sentence question costs nothing more. */
export const hasSeveralSentences = (text: string): boolean =>
  /[.!?…]\s+\S|\n\s*\S|\S\s*[¿¡]|\s\d{1,2}[.)]\s|:\s+\S/u.test(text.trim());

export function segmentMessage(text: string, lexicon: Lexicon): Segment[] {
  const pieces = text
    .split(BOUNDARY)
    .map((p) => p.trim().replace(LIST_MARK, ''))
    .filter((p) => p);
  const merged: string[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (last !== undefined && ABBREVIATION.test(last) && !/[?!]$/.test(last))
      merged[merged.length - 1] = `${last} ${piece}`;
    else merged.push(piece);
  }
  return merged
    .flatMap((t) => atColon(t, lexicon))
    .flatMap((t) => atClause(t, lexicon))
    .map((t) => ({ text: t, question: asks(t, lexicon) }));
}

/**
 * A question led by a clause that asks nothing ("Anyway, before dinner turns into an argument, can
 * someone tell me ...?"): split where the question itself opens, so the lead is context.
 */
function atClause(sentence: string, lexicon: Lexicon): string[] {
  if (!/\?\s*\p{Extended_Pictographic}*\s*$/u.test(sentence)) return [sentence];
  const words = (t: string) => normalize(t).split(' ');
  if (opensAsQuestion(lexicon, words(sentence).join(' '))) return [sentence];
  for (const m of sentence.matchAll(/,\s+(?=\S)/gu)) {
    const rest = sentence.slice(m.index + m[0].length);
    if (opensAsQuestion(lexicon, words(rest).join(' '))) return [sentence.slice(0, m.index + 1), rest];
  }
  return [sentence];
}

/** A sentence split after its first colon when what follows asks something on its own. */
function atColon(sentence: string, lexicon: Lexicon): string[] {
  for (const m of sentence.matchAll(COLON)) {
    const at = m.index + m[0].length;
    const rest = sentence.slice(at);
    if (asks(rest, lexicon)) return [sentence.slice(0, m.index + 1), rest];
  }
  return [sentence];
}

function asks(sentence: string, lexicon: Lexicon): boolean {
  if (/\?\s*\p{Extended_Pictographic}*\s*$/u.test(sentence) || sentence.startsWith('¿')) return true;
  const words = normalize(sentence).split(' ');
  const first = words[0] ?? '';
  if (opensAsQuestion(lexicon, words.join(' '))) return true;
  // "and what ...", "y qué ...": a conjunction, then a question's opening.
  if (lexicon.conjunctions.has(first) && opensAsQuestion(lexicon, words.slice(1).join(' '))) return true;
  // Joined on to the previous sentence, a question word and small words with one word of its own at
  // most ("... and if not why", "and what is X"): it asks too, though chat often leaves out the
  // question mark. One saying more stays a remark.
  const small = (w: string) =>
    lexicon.stopwords.has(w) || lexicon.questionWords.has(w) || lexicon.conjunctions.has(w);
  return (
    lexicon.conjunctions.has(first) &&
    words.some((w) => lexicon.questionWords.has(w)) &&
    words.filter((w) => !small(w)).length <= 1
  );
}
