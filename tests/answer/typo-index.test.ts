// The typo index stores no deletion strings, only their hashes: a lookup must yield exactly the words
// a Map from deletion to words would, in the same order, and nothing for a probe that merely shares
// a deletion's hash.
import { describe, expect, it } from 'vitest';
import { DeleteIndex, hashWithout } from '../../src/answer/analyze.js';

const letters = 'abcdefghijklmnopqrstuvwxyz';
const words = [...letters].flatMap((a) => [...letters].flatMap((b) => [...letters].map((c) => a + b + c)));
const index = new DeleteIndex(words);
const lookup = (probe: string) => {
  const found: string[] = [];
  index.forEach(probe, (w) => found.push(w));
  return found;
};
/** What the Map-based index gave: each word under each of its deletions, in the order added. */
const expected = (probe: string) =>
  words.flatMap((w) => [...w].flatMap((_, i) => (w.slice(0, i) + w.slice(i + 1) === probe ? [w] : [])));

describe('the typo index', () => {
  it('finds the words one letter longer than the probe, in the order added, once per matching deletion', () => {
    for (const probe of ['ab', 'zz', 'qa', 'mm']) {
      expect(lookup(probe)).toEqual(expected(probe));
      expect(lookup(probe).length).toBeGreaterThan(0);
    }
    expect(lookup('aa').filter((w) => w === 'aaa')).toHaveLength(3);
  });

  it('finds nothing for a probe that only shares a deletion’s hash', () => {
    const buckets = new Set(words.flatMap((w) => [...w].map((_, i) => hashWithout(w, i) >>> 6)));
    // No deletion of a three-letter word has five letters: a five-letter probe in a bucket collides.
    let probe = '';
    for (let n = 0; !probe; n++) {
      const candidate = n.toString(26).padStart(5, '0');
      if (buckets.has(hashWithout(candidate, -1) >>> 6)) probe = candidate;
    }
    expect(lookup(probe)).toEqual([]);
  });
});
