// Turns a question as typed into the words that say what it is about, so the report can count
// "Is Mexico part of BRICS?" and "mexico brics" as one question. English and Spanish.
import type { Lang } from '../answer/types.js';

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

// Stopwords in one language that are names in the other: Spanish "un" (a) is English "UN".
const SPANISH_ONLY = new Set(['un']);

// Words that nearly every question to this bot contains, or that only say "is it a member": they
// carry no topic, and keeping them would make "Mexico in NATO?" look like "Mexico in BRICS?".
const DOMAIN_WORDS = new Set(
  `mexico mexican mexicans mexicano mexicanos mexicana mexicanas mx country countries pais paises
   member members membership belong belongs part join joined joining miembro miembros membresia
   pertenece pertenecer parte forma formar unirse unio`
    .split(/\s+/)
    .filter(Boolean),
);

/** Lower case, accents removed, punctuation gone; "T-MEC" and "U.S." become single words. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/(?<=[a-z0-9])['’.-](?=[a-z0-9])/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Spanish names of organisations folded to the English ones, so "OTAN" and "NATO" count together.
const ALIASES: Readonly<Record<string, string>> = {
  otan: 'nato',
  onu: 'un',
  ocde: 'oecd',
  omc: 'wto',
  oea: 'oas',
  tlcan: 'nafta',
  tmec: 'usmca',
  eeuu: 'us',
  usa: 'us',
};

/** A crude plural fold (alliances -> alliance, tratados -> tratado); typos are left to the fuzzy match. */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** The topic words of a question, in order, without repeats. */
export function topicTokens(text: string, lang?: Lang): string[] {
  const out: string[] = [];
  for (const word of foldText(text).split(' ')) {
    if (!word || STOPWORDS.has(word) || DOMAIN_WORDS.has(word)) continue;
    if (lang === 'es' && SPANISH_ONLY.has(word)) continue;
    if (word.length < 2 && !/\d/.test(word)) continue;
    const stemmed = ALIASES[word] ?? stem(word);
    if (!out.includes(stemmed)) out.push(stemmed);
  }
  return out;
}

/** The key that identifies a question regardless of spelling, order and filler words. */
export function questionKey(text: string, lang?: Lang): string {
  const tokens = topicTokens(text, lang);
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
 * apart are usually different organisations (APEC and OPEC).
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
