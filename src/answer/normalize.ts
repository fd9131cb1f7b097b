// Words -> canonical tokens: plural folding and the phrase table that collapses synonyms and
// multi-word names to one token. The text folding itself (src/text/fold.ts) is shared with the
// knowledge layer. Pure and shared by index and query.

import { normalize } from '../text/fold.js';

export { normalize, words } from '../text/fold.js';

/** Light plural folding for ordinary words: "agreements" -> "agreement", "countries" -> "country". */
export function singular(word: string): string {
  if (word.length <= 4) return word;
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** Maps words and phrases to canonical tokens, longest phrase first. */
export class PhraseTable {
  private readonly phrases = new Map<string, string>();
  /** First word of a phrase -> the most words a phrase starting with it has. */
  private readonly longest = new Map<string, number>();
  /** Two words that follow each other in some phrase, as "a b". */
  private readonly pairs = new Set<string>();
  /** "* b" -> the words that come before b in a phrase; "a *" -> the words that come after a. */
  private readonly neighbours = new Map<string, string[]>();

  add(variant: string, canonical: string): void {
    const key = normalize(variant);
    if (!key) return;
    if (!this.phrases.has(key)) this.phrases.set(key, canonical);
    const ws = key.split(' ');
    this.longest.set(ws[0]!, Math.max(this.longest.get(ws[0]!) ?? 0, ws.length));
    for (let i = 0; i + 1 < ws.length; i++) {
      const [a, b] = [ws[i]!, ws[i + 1]!];
      if (this.pairs.has(`${a} ${b}`)) continue;
      this.pairs.add(`${a} ${b}`);
      for (const [slot, word] of [
        [`* ${b}`, a],
        [`${a} *`, b],
      ] as const) {
        const list = this.neighbours.get(slot);
        if (list) list.push(word);
        else this.neighbours.set(slot, [word]);
      }
    }
  }

  /** Whether "a b" occurs inside some phrase. */
  hasPair(a: string, b: string): boolean {
    return this.pairs.has(`${a} ${b}`);
  }

  /** The words that complete a phrase next to a known word: ("*", "nations") -> ["united"]. */
  completions(a: string, b: string): readonly string[] {
    return this.neighbours.get(`${a} ${b}`) ?? [];
  }

  /** Every word that appears in any phrase: part of the vocabulary typo correction aims at. */
  words(): Set<string> {
    const out = new Set<string>();
    for (const key of this.phrases.keys()) for (const w of key.split(' ')) out.add(w);
    return out;
  }

  /** One word's canonical token, trying its singular too: "pacts" -> "pact", "militares" -> "militar". */
  private single(w: string): string | undefined {
    return (
      this.phrases.get(w) ??
      this.phrases.get(singular(w)) ??
      (w.length > 5 && w.endsWith('es') ? this.phrases.get(w.slice(0, -2)) : undefined)
    );
  }

  /** Greedy longest match: ["world","health","organization"] -> ["who"] when that is a name. */
  apply(ws: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < ws.length;) {
      const longest = this.longest.get(ws[i]!) ?? (this.single(ws[i]!) !== undefined ? 1 : 0);
      const max = Math.min(longest, ws.length - i);
      let matched = 0;
      for (let n = max; n >= 1 && !matched; n--) {
        const canonical = n === 1 ? this.single(ws[i]!) : this.phrases.get(ws.slice(i, i + n).join(' '));
        if (canonical !== undefined) {
          out.push(canonical);
          matched = n;
        }
      }
      if (matched) i += matched;
      else out.push(ws[i++]!);
    }
    return out;
  }
}
