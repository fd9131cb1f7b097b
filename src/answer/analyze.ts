// Question -> canonical tokens, with typo correction against the knowledge base's own vocabulary.
// Built once per knowledge base; the same analyzer turns facts and questions into tokens so that
// both sides agree on synonyms, names and spelling.
import { DICTIONARY, DICTIONARY_LANG } from './dictionary.js';
import type { Lexicon } from './lexicon.js';
import { normalize, PhraseTable, singular } from './normalize.js';
import type { Lang } from './types.js';

export interface Analysis {
  /** Canonical content tokens, in order, duplicates kept. */
  tokens: string[];
  /** Canonical tokens of the countries and organizations named. */
  entities: string[];
  /** Words corrected for typos: [typed, corrected]. */
  corrections: [string, string][];
}

/** Damerau-Levenshtein (optimal string alignment) distance, giving up once it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2: number[] = new Array<number>(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
  }
  return prev[b.length]!;
}

function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** The first index of a sorted array whose value is not below `value` (its length when none). */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** 32-bit FNV-1a over a string's UTF-16 code units, leaving out the one at `skip` (-1: none). */
export function hashWithout(word: string, skip: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    if (i === skip) continue;
    h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/** Whether `deleted` is `word` without its code unit at `at`. */
function isDeletion(word: string, at: number, deleted: string): boolean {
  if (word.length !== deleted.length + 1) return false;
  for (let i = 0; i < deleted.length; i++)
    if (deleted.charCodeAt(i) !== word.charCodeAt(i < at ? i : i + 1)) return false;
  return true;
}

/**
 * The symmetric-delete index: each known word under each of its one-letter deletions, as parallel
 * typed arrays sorted by the deletion's hash (the deletions themselves are not stored: a quarter of a
 * million short strings in a Map took most of the analyzer's memory). A lookup walks the entries
 * under the probe's hash and keeps those whose word, without the letter at the entry's position, is
 * the probe, so a hash collision never yields a word; the words come in the order they were added.
 */
const HASH_BITS = 26;
const ENTRY_BITS = 53 - HASH_BITS;

export class DeleteIndex {
  private readonly hashes: Uint32Array;
  private readonly words: Int32Array;
  private readonly positions: Int32Array;

  constructor(private readonly vocabulary: string[]) {
    let total = 0;
    for (const w of vocabulary) total += w.length;
    // The hash's top HASH_BITS bits * 2^ENTRY_BITS + the entry's number stays below 2^53, so one
    // numeric sort orders the entries by hash, then as added.
    const order = new Float64Array(total);
    const words = new Int32Array(total);
    const positions = new Int32Array(total);
    let n = 0;
    vocabulary.forEach((w, id) => {
      for (let i = 0; i < w.length; i++, n++) {
        order[n] = (hashWithout(w, i) >>> (32 - HASH_BITS)) * 2 ** ENTRY_BITS + n;
        words[n] = id;
        positions[n] = i;
      }
    });
    if (n >= 2 ** ENTRY_BITS)
      throw new Error(`the vocabulary is too large for the typo index (${n} deletions)`);
    order.sort();
    this.hashes = new Uint32Array(n);
    this.words = new Int32Array(n);
    this.positions = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const entry = order[k]! % 2 ** ENTRY_BITS;
      this.hashes[k] = Math.floor(order[k]! / 2 ** ENTRY_BITS);
      this.words[k] = words[entry]!;
      this.positions[k] = positions[entry]!;
    }
  }

  /** Calls `found` with every word that is `deleted` plus one letter, in the order they were added. */
  forEach(deleted: string, found: (word: string) => void): void {
    const h = hashWithout(deleted, -1) >>> (32 - HASH_BITS);
    const { hashes } = this;
    for (let k = lowerBound(hashes, h); k < hashes.length && hashes[k] === h; k++) {
      const word = this.vocabulary[this.words[k]!]!;
      if (isDeletion(word, this.positions[k]!, deleted)) found(word);
    }
  }
}

/** Words longer than this are never typo-corrected (see `correct`). */
const MAX_CORRECTABLE = 30;

/** Shorter words are never corrected to complete a name: a two-letter word next to "the" is not a typo of a name. */
const MIN_NAME_TYPO = 4;

/** Longest typo a word of this length may carry and still be corrected. */
const maxTypos = (len: number) => (len < 3 ? 0 : len < 8 ? 1 : 2);

export class Analyzer {
  private readonly phrases = new PhraseTable();
  private readonly canonicals = new Set<string>();
  readonly entityTokens = new Set<string>();
  /** Word -> how often it appears in the knowledge base (tie-breaker for corrections). */
  private readonly known = new Map<string, number>();
  /** Symmetric-delete index: each known word of 3 letters or more under each of its one-letter deletions. */
  private readonly deleteIndex: DeleteIndex;

  private readonly stopwords: Set<string>;
  /** The stopwords of the dictionary's language (English): what a swapped-letter real word may be. */
  private readonly dictionaryStopwords: ReadonlySet<string>;
  /** Questions asking what something is for, and the word each implies (lang/*.yaml purpose). */
  private readonly purpose: [RegExp, string][];
  /** Per language: its stopwords that are also a one-word entity name (a Spanish article that is also an abbreviation), read as stopwords. */
  private readonly hiddenNames: Record<Lang, Set<string>>;
  private readonly namesIn: Lexicon['namesIn'];
  /** Question words keep their form ("cuales" is not a plural to fold), see `stem`. */
  private readonly questionWords: Set<string>;
  private readonly conjunctions: Set<string>;
  private readonly lexicon: Lexicon;

  /**
   * @param typos whether questions are typo-corrected at all (false only in the eval's ablation).
   */
  constructor(
    synonyms: string[][],
    corpus: string[],
    lexicon: Lexicon,
    private readonly typos = true,
  ) {
    this.stopwords = lexicon.stopwords;
    this.dictionaryStopwords = lexicon.stopwordsOf[DICTIONARY_LANG];
    this.purpose = lexicon.purposePatterns.map(([source, word]) => [new RegExp(source, 'u'), word]);
    const oneWordNames = new Set<string>();
    for (const e of lexicon.entities) {
      this.entityTokens.add(e.canonical);
      this.canonicals.add(e.canonical);
      for (const v of e.variants) {
        this.phrases.add(v, e.canonical);
        const key = normalize(v);
        if (key && !key.includes(' ')) oneWordNames.add(key);
      }
    }
    const hidden = (lang: Lang) => new Set([...lexicon.stopwordsOf[lang]].filter((w) => oneWordNames.has(w)));
    this.hiddenNames = { en: hidden('en'), es: hidden('es') };
    this.namesIn = lexicon.namesIn;
    this.questionWords = lexicon.questionWords;
    this.conjunctions = lexicon.conjunctions;
    this.lexicon = lexicon;
    for (const group of lexicon.focusGroups) {
      this.canonicals.add(group[0]!);
      for (const v of group.slice(1)) this.phrases.add(v, group[0]!);
    }
    for (const group of synonyms) {
      const canonical = normalize(group[0]!).replace(/ /g, '');
      this.canonicals.add(canonical);
      for (const v of group) this.phrases.add(v, canonical);
    }
    for (const text of corpus) for (const w of normalize(text).split(' ')) if (w) this.addKnown(w);
    for (const w of this.phrases.words()) this.addKnown(w);
    this.deleteIndex = new DeleteIndex([...this.known.keys()].filter((w) => w.length >= 3));
  }

  private addKnown(w: string): void {
    this.known.set(w, (this.known.get(w) ?? 0) + 1);
  }

  /** The closest known word within the typo budget, or the word itself. */
  correct(word: string): string {
    if (this.known.has(word) || this.stopwords.has(word) || /\d/.test(word)) return word;
    if (DICTIONARY.has(word)) return this.swappedStopword(word) ?? word;
    const max = maxTypos(word.length);
    // Probing a long word's two-letter deletions costs O(length^2) lookups (a name typed 75 times over took 270 ms);
    // no word the knowledge base knows is that long, so there is nothing to correct it to.
    if (max === 0 || word.length > MAX_CORRECTABLE) return word;
    const probes = new Set<string>([word, ...deletes(word)]);
    if (max > 1) for (const d of deletes(word)) for (const dd of deletes(d)) probes.add(dd);
    let best = word;
    let bestDist = max + 1;
    let bestRank = 0;
    // At the same distance a dropped letter ("limt" for "limit") beats a changed one ("list"): it is
    // the commonest typo. Then the more frequent word wins.
    const consider = (c: string) => {
      const d = editDistance(word, c, max);
      if (d > max) return;
      const rank = (c.length > word.length ? 1e6 : 0) + (this.known.get(c) ?? 0);
      if (d < bestDist || (d === bestDist && rank > bestRank)) [best, bestDist, bestRank] = [c, d, rank];
    };
    for (const p of probes) {
      if (this.known.has(p)) consider(p);
      this.deleteIndex.forEach(p, consider);
    }
    return best;
  }

  /**
   * A real word the knowledge base does not use that is a stopword with two neighbouring letters
   * swapped ("dose", "fro") is that stopword mistyped: the commonest slip, and one the dictionary
   * would otherwise keep as a content word the question does not mean.
   */
  private swappedStopword(word: string): string | undefined {
    if (word.length < 3) return undefined;
    for (let i = 0; i + 1 < word.length; i++) {
      const swapped = word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2);
      if (swapped !== word && this.dictionaryStopwords.has(swapped)) return swapped;
    }
    return undefined;
  }

  /**
   * Typos that make another real word inside a name ("the untied nations", "word trade organization")
   * slip past word-by-word correction, which leaves real words alone. Next to a word of a known name,
   * a word that is one or two typos from the name's missing word becomes that word.
   */
  private correctInNames(ws: string[], corrections: [string, string][]): string[] {
    const out = [...ws];
    for (let i = 0; i + 1 < out.length; i++) {
      const [a, b] = [out[i]!, out[i + 1]!];
      if (this.phrases.hasPair(a, b)) continue;
      const fix = (typed: string, options: readonly string[]) => {
        // A word the knowledge base itself uses ("gano" in "que gano") is meant as typed.
        const max = typed.length < MIN_NAME_TYPO || this.known.has(typed) ? 0 : maxTypos(typed.length);
        return options.find((c) => c !== typed && editDistance(typed, c, max) <= max);
      };
      const before = fix(a, this.phrases.completions('*', b));
      const after = before ? undefined : fix(b, this.phrases.completions(a, '*'));
      if (before) [out[i], corrections[corrections.length]] = [before, [a, before]];
      else if (after) [out[i + 1], corrections[corrections.length]] = [after, [b, after]];
    }
    return out;
  }

  /** Light plural folding for ordinary words ("agreements" -> "agreement"); names are left alone. */
  private stem(token: string): string {
    if (this.canonicals.has(token)) return token;
    const one = singular(token);
    // A question word keeps its form unless folding gives another ("whats" -> "what"; not "cuales").
    return this.questionWords.has(token) && !this.questionWords.has(one) ? token : one;
  }

  analyze(text: string, lang: Lang = 'en', correct = true): Analysis {
    const correctTypos = correct && this.typos;
    const corrections: [string, string][] = [];
    let ws = normalize(text)
      .split(' ')
      .filter((w) => w);
    // A stopword of the question's language that is also a short name is the stopword far more often:
    // an article comes before a word ("un tratado"), while the name may end a question ("¿está en la
    // UN?") or come before a conjunction ("la UN y la OEA").
    const hidden = this.hiddenNames[lang];
    if (hidden.size)
      ws = ws.filter((w, i) => !hidden.has(w) || i + 1 === ws.length || this.conjunctions.has(ws[i + 1]!));
    // A name meaning another entity in this language (entities.yaml namesIn) is that entity's token.
    const renamed = this.namesIn[lang];
    if (renamed.size)
      ws = ws.map((w, i) => {
        const r = renamed.get(w);
        return r && !r.notAfter.includes(ws[i - 1] ?? '') ? r.entity : w;
      });
    if (correctTypos)
      ws = ws.map((w) => {
        const c = this.correct(w);
        if (c !== w) corrections.push([w, c]);
        return c;
      });
    if (correctTypos) ws = this.correctInNames(ws, corrections);
    const tokens: string[] = [];
    const entities: string[] = [];
    // "What does the X do?" and "what is the X for?" ask what something is for, though both words are stopwords.
    const joined = ws.join(' ');
    const purpose = this.purpose.find(([re]) => re.test(joined));
    if (purpose) tokens.push(...this.phrases.apply([purpose[1]]).map((t) => this.stem(t)));
    for (const t of this.phrases.apply(ws)) {
      if (this.stopwords.has(t) && !this.canonicals.has(t)) continue;
      if (this.entityTokens.has(t)) entities.push(t);
      tokens.push(this.stem(t));
    }
    if (correct && this.asksOfHome(ws, tokens, entities)) {
      tokens.push(this.lexicon.home);
      entities.push(this.lexicon.home);
    }
    return { tokens, entities, corrections };
  }

  /**
   * A question only asking whether of an organization ("is <org> one of them?", "¿está en la <org>?")
   * asks it of the home entity: opening as a yes/no question, asking no question word, pointing back
   * at nothing, naming one organization and nothing else, with one other word at most. ("Is <org> a military alliance?" asks
   * about the organization itself.)
   */
  private asksOfHome(ws: string[], tokens: string[], entities: string[]): boolean {
    const { yesNoStarts, organizations, questionWords, focusTokens, references } = this.lexicon;
    if (!yesNoStarts.has(ws[0] ?? '') || entities.length !== 1 || !organizations.has(entities[0]!))
      return false;
    // "Is it in <org>?" points back at its subject: the context says what "it" is, not the home
    // entity. ("Is <org> one of them?" points back at something else.)
    if (references.has(ws[1] ?? '')) return false;
    // "Can you explain what <org> is?" opens as yes/no but asks what.
    if (tokens.some((t) => questionWords.has(t) || focusTokens.has(t))) return false;
    return tokens.filter((t) => !entities.includes(t)).length <= 1;
  }
}
