// Turns a question as typed into the words that say what it is about, so the report can count
// "Is <home> part of X?" and "<home> x" as one question. English and Spanish. What belongs to the
// knowledge base (entity names, the home entity, words nearly every question holds) comes from its
// data as a ReportVocabulary; the function words below belong to the languages.
import type { EntitiesData, KnowledgeBase, Lang, Persona } from '../knowledge/schema.js';

// Function words, question words and chat filler. Accents are already stripped when these are checked.
const STOPWORDS = new Set(
  `a about actually all also am an and any anyone are aren arent as at be been being but by can
   could did didn didnt do does doesn doesnt done for from get got had has hasn have he hello her here
   hey hi his how i if im in into is isn isnt it its just know let like me my no not now of on or
   our please pls so some still tell than thank thanks that the their them then there these they
   this those to too u was wasn we were what whats when where which who whom whose why will
   with would yes you your
   al algo algun alguna alguno como con cual cuales cuando cuanto de del donde el ella ellos en
   entre era es esa ese eso esta estan estas este esto estos fue ha hay la las le les lo los mas
   me mi muy no nos o para pero por porque que quien quienes se sea ser si sin sobre son su sus
   tambien te tiene tienen todavia todo tu una uno unos unas y ya yo hola gracias dime sabes`
    .split(/\s+/)
    .filter(Boolean),
);

/** The knowledge base's words, as the report uses them. */
export interface ReportVocabulary {
  /** One-word names of an entity -> its token: a name and its abbreviation in either language count together. */
  aliases: ReadonlyMap<string, string>;
  /** The home entity's names and persona.yaml's commonWords: they carry no topic. */
  ignored: ReadonlySet<string>;
  /** Per language, its stopwords that are also an entity's name (a Spanish article is not an abbreviation). */
  hidden: Partial<Record<Lang, ReadonlySet<string>>>;
}

export const EMPTY_VOCABULARY: ReportVocabulary = { aliases: new Map(), ignored: new Set(), hidden: {} };

/** The report's vocabulary of a knowledge base. */
export function reportVocabulary(kb: {
  entities: EntitiesData;
  persona: Persona;
  languages: KnowledgeBase['languages'];
}): ReportVocabulary {
  const aliases = new Map<string, string>();
  const ignored = new Set<string>(kb.persona.commonWords.map(foldText));
  for (const names of [...kb.entities.places, ...kb.entities.organizations]) {
    const token = foldText(names[0]!).replace(/ /g, '');
    const home = token === foldText(kb.entities.home).replace(/ /g, '');
    for (const name of names) {
      const folded = foldText(name);
      if (!folded || folded.includes(' ')) continue;
      if (home) ignored.add(folded);
      else if (!aliases.has(folded)) aliases.set(folded, token);
    }
  }
  const hidden: Partial<Record<Lang, ReadonlySet<string>>> = {};
  for (const [lang, data] of Object.entries(kb.languages) as [Lang, { stopwords: string[] }][])
    hidden[lang] = new Set(data.stopwords.map(foldText).filter((w) => aliases.has(w)));
  return { aliases, ignored, hidden };
}

/** Lower case, accents removed, punctuation gone; "T-M" and "U.S." become single words. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/(?<=[a-z0-9])['’.-](?=[a-z0-9])/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A crude plural fold (alliances -> alliance, tratados -> tratado); typos are left to the fuzzy match. */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** The topic words of a question, in order, without repeats. */
export function topicTokens(
  text: string,
  lang?: Lang,
  vocabulary: ReportVocabulary = EMPTY_VOCABULARY,
): string[] {
  const out: string[] = [];
  const { aliases, ignored } = vocabulary;
  const hidden = lang ? vocabulary.hidden[lang] : undefined;
  for (const word of foldText(text).split(' ')) {
    if (!word || hidden?.has(word)) continue;
    if (STOPWORDS.has(word) && !aliases.has(word)) continue;
    if (ignored.has(word)) continue;
    if (word.length < 2 && !/\d/.test(word)) continue;
    const stemmed = aliases.get(word) ?? stem(word);
    if (!out.includes(stemmed)) out.push(stemmed);
  }
  return out;
}

/** The key that identifies a question regardless of spelling, order and filler words. */
export function questionKey(
  text: string,
  lang?: Lang,
  vocabulary: ReportVocabulary = EMPTY_VOCABULARY,
): string {
  const tokens = topicTokens(text, lang, vocabulary);
  // A question made only of filler ("hello?") keys on its folded text, so it does not vanish.
  return tokens.length > 0 ? [...tokens].sort().join(' ') : foldText(text);
}

function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return false;
    previous = current;
  }
  return previous[b.length]! <= max;
}

/**
 * Whether two words are the same word misspelt. Short words must match exactly: acronyms one letter
 * apart are usually different organisations ("abcd" and "abce").
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 5) return false;
  return editDistanceAtMost(a, b, shorter >= 9 ? 2 : 1);
}

/** Jaccard similarity of two token sets where misspelt words count as the same word. 0..1. */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const unused = [...b];
  let matches = 0;
  for (const word of a) {
    const i = unused.findIndex((other) => sameWord(word, other));
    if (i >= 0) {
      unused.splice(i, 1);
      matches++;
    }
  }
  return matches / (a.length + b.length - matches);
}
