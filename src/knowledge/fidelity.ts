// The fidelity check: every answer says only what its cited sections of the article say. Run by
// `npm run validate` and by the tests, never at start-up (the bot does not need the article).
//
// A fact passes when:
// - each source cites a real heading of the article, or an untitled part (declared labels) through a
//   link whose text fragment is a real passage of the article; a heading's fragment must land in it;
// - every content word of the English answer, stemmed, occurs in the cited sections (with their
//   headings, and the article's title) or in the short reviewed list of paraphrase words;
// - every content word of the Spanish answer has a glossary entry whose English side passes the
//   same test, so the Spanish answer cannot say more than the sections either;
// - every number in an answer occurs in the article, and every capitalized word inside an English
//   sentence occurs, capitalized, in the article or in the reviewed list of names;
// - no answer opens with a yes or a no: answers are statements, true however the question was asked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemEs } from '@orama/stemmers/spanish';
import { load } from 'js-yaml';
import { z } from 'zod';
import { sectionOfFragment, textFragment, type Article, type ArticleSection } from './article.js';
import type { Fact } from './schema.js';

/** Where the reviewed word lists live, inside the knowledge folder (a subfolder: not a fact file). */
export const FIDELITY_FILE = join('fidelity', 'words.yaml');

const words = z.array(z.string().min(1));
export const FidelityWordsSchema = z.strictObject({
  /** Labels a source may use for an untitled part of the article, keyed by the part's name. */
  untitled: z.record(z.string(), z.string()),
  en: z.strictObject({
    /** Grammar words that carry no claim (articles, pronouns, auxiliaries, prepositions). */
    function: words,
    /** Reviewed paraphrase words: they restate what the article says in other words. */
    allowed: words,
    /** Names and abbreviations an answer may use though the article spells them otherwise. */
    names: words,
    /** Words an answer must not open with. */
    leads: words,
  }),
  es: z.strictObject({
    function: words,
    leads: words,
    /** Spanish word -> the English words it translates; one of them must pass the English test. */
    glossary: z.record(z.string(), words),
  }),
});
export type FidelityWords = z.infer<typeof FidelityWordsSchema>;

export function readFidelityWords(knowledgeDir: string): FidelityWords {
  return FidelityWordsSchema.parse(load(readFileSync(join(knowledgeDir, FIDELITY_FILE), 'utf8')));
}

const fold = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** Words of a text, as written: apostrophe endings such as 's dropped; hyphenated words split, or
 * kept whole for hyphenated Spanish names. */
const wordsOf = (text: string, keepHyphens = false): string[] =>
  text
    .replace(/[’']s\b/g, '')
    .split(keepHyphens ? /[^\p{L}\p{N}-]+/u : /[^\p{L}\p{N}]+/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter(Boolean);
const URL = /https?:\/\/\S+?(?=[.,;)]?(\s|$))/g;
const QUOTED = /"([^"]+)"|“([^”]+)”/g;
const enKey = (w: string) => stemEn(fold(w));
/** The English stemmer is Porter's first one, which leaves "focus"/"focu" and "main"/"mainli" apart:
 * a stem that extends another by at most two letters counts as the same word. */
const sameStem = (a: string, b: string) => {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return a === b || (long.startsWith(short) && long.length - short.length <= 2 && short.length >= 4);
};
const esKey = (w: string) => stemEs(fold(w));

interface Checker {
  check(fact: Fact): string[];
}

export function fidelityChecker(article: Article, lists: FidelityWords): Checker {
  const headings = article.sections.filter((s) => s.titled).map((s) => s.name);
  const enFunction = new Set(lists.en.function.map(fold));
  const esFunction = new Set(lists.es.function.map(fold));
  const allowed = new Set(lists.en.allowed.map(enKey));
  const names = new Set(lists.en.names);
  const glossary = new Map<string, string[]>();
  // Words of one family share a stem, so their translations are pooled ("medio", "medios").
  for (const [es, en] of Object.entries(lists.es.glossary))
    glossary.set(esKey(es), [...(glossary.get(esKey(es)) ?? []), ...en]);
  // Article words as written, for numbers and capitalized names.
  const labels = new Map(Object.entries(lists.untitled).map(([part, label]) => [label, part]));
  const articleWords = new Set(wordsOf(article.text));

  /** The sections a fact's sources cite, and a problem per source that cites nothing real. */
  function cited(fact: Fact): { sections: ArticleSection[]; problems: string[] } {
    const sections: ArticleSection[] = [];
    const problems: string[] = [];
    fact.sources.forEach((src, i) => {
      const where = `${fact.file}, fact "${fact.id}", field "sources.${i}"`;
      const fragment = textFragment(src.url);
      const heading = article.sections.find((s) => s.titled && s.name === src.section);
      const landing = fragment && sectionOfFragment(article, fragment);
      if (fragment && !landing && !(heading && fragment.start === heading.name)) {
        problems.push(`${where}: the link's text fragment "${fragment.start}" is not in the article`);
        return;
      }
      if (heading) {
        if (landing && landing !== heading)
          problems.push(`${where}: the link's text fragment is in "${landing.name}", not in "${heading.name}"`);
        else sections.push(heading);
        return;
      }
      const part = labels.get(src.section);
      if (!part) {
        problems.push(
          `${where}: the article has no section "${src.section}" (headings: ${headings.join('; ')}; ` +
            `untitled parts are cited as ${[...labels.keys()].join(' or ')} with a text fragment)`,
        );
      } else if (!landing) {
        problems.push(`${where}: "${src.section}" has no heading, so its link needs a text fragment (#:~:text=...)`);
      } else if (landing.name !== part) {
        problems.push(`${where}: the link's text fragment is in "${landing.name}", not in the ${src.section.toLowerCase()}`);
      } else sections.push(landing);
    });
    return { sections, problems };
  }

  function check(fact: Fact): string[] {
    const { sections, problems } = cited(fact);
    if (!sections.length) return problems;
    const cover = [article.title, ...sections.map((s) => (s.titled ? `${s.name} ${s.text}` : s.text))].join(' ');
    const corpus = [...new Set(wordsOf(cover).map(enKey))];
    const supported = (w: string) => {
      const key = enKey(w);
      return allowed.has(key) || names.has(w) || corpus.some((c) => sameStem(c, key));
    };
    const at = (field: string) => `${fact.file}, fact "${fact.id}", field "${field}"`;

    const lead = (text: string, leads: string[], field: string) => {
      const first = fold(wordsOf(text)[0] ?? '');
      if (leads.map(fold).includes(first))
        problems.push(
          `${at(field)}: opens with "${wordsOf(text)[0]}"; an answer is a statement that stays true however the question is asked`,
        );
    };
    const numbers = (text: string, field: string) => {
      for (const w of wordsOf(text))
        if (/\d/.test(w) && !articleWords.has(w)) problems.push(`${at(field)}: the number "${w}" is not in the article`);
    };

    // Addresses and quoted titles are checked whole, then left out of the word checks.
    const plain = (text: string, field: string) => {
      for (const url of text.match(URL) ?? [])
        if (url !== article.url) problems.push(`${at(field)}: the address ${url} is not the article's`);
      for (const m of text.matchAll(QUOTED)) {
        const quote = m[1] ?? m[2] ?? '';
        if (quote !== article.title && !article.text.includes(quote))
          problems.push(`${at(field)}: the quoted "${quote}" is not in the article`);
      }
      return text.replace(URL, ' ').replace(QUOTED, ' ');
    };
    const en = plain(fact.answer, 'answer');
    const es = plain(fact.es.answer, 'es.answer');

    // English: content words against the cited sections, and names inside a sentence against the article.
    lead(fact.answer, lists.en.leads, 'answer');
    numbers(en, 'answer');
    const unsupported = new Set<string>();
    for (const w of wordsOf(en))
      if (!/\d/.test(w) && !enFunction.has(fold(w)) && !supported(w)) unsupported.add(w);
    if (unsupported.size)
      problems.push(
        `${at('answer')}: not in the cited section${sections.length > 1 ? 's' : ''} (${sections.map((s) => s.name).join('; ')}): ${[...unsupported].join(', ')}`,
      );
    for (const sentence of en.split(/(?<=[.!?:])\s+/)) {
      const inner = wordsOf(sentence).slice(1);
      const strange = inner.filter((w) => /^\p{Lu}/u.test(w) && !articleWords.has(w) && !names.has(w));
      if (strange.length) problems.push(`${at('answer')}: names not in the article: ${strange.join(', ')}`);
    }

    // Spanish: every content word through the glossary.
    lead(fact.es.answer, lists.es.leads, 'es.answer');
    numbers(es, 'es.answer');
    const missing = new Set<string>();
    const unbacked = new Set<string>();
    for (const w of wordsOf(es, true)) {
      if (/\d/.test(w) || esFunction.has(fold(w))) continue;
      const en = glossary.get(esKey(w));
      if (!en) missing.add(w);
      else if (!en.some((e) => wordsOf(e).every((x) => enFunction.has(fold(x)) || supported(x)))) unbacked.add(w);
    }
    if (missing.size) problems.push(`${at('es.answer')}: no glossary entry (${FIDELITY_FILE}) for: ${[...missing].join(', ')}`);
    if (unbacked.size)
      problems.push(`${at('es.answer')}: says more than the cited sections: ${[...unbacked].join(', ')}`);
    return problems;
  }

  return { check };
}

/** Every problem of every fact; empty when the knowledge says only what the article says. */
export function checkFidelity(facts: Fact[], article: Article, lists: FidelityWords): string[] {
  const checker = fidelityChecker(article, lists);
  return facts.flatMap((f) => checker.check(f));
}
