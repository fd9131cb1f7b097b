// Question -> the best fact, in tiers: an exact phrasing first; then candidates narrowed by an
// inverted index over canonical tokens, scored by how much of the question each fact covers, and
// ranked by Fuse.js over the candidates' phrasings; then a guard that refuses facts about other
// countries or organizations than the question names. Pure: no I/O, built once per knowledge base.
import Fuse from 'fuse.js';
import { Analyzer, hashWithout, lowerBound, type Analysis } from './analyze.js';
import type { BrainOptions, Component } from './components.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { factTexts, type Fact, type KnowledgeBase } from '../knowledge/schema.js';
import type { Lang } from './types.js';

const FUSE_OPTIONS = { includeScore: true, ignoreLocation: true, threshold: 0.6 } as const;

/** Fuse.js scores (0 perfect, 1 no match) of one query against each text, in the texts' order. */
function fuseScoresOf(texts: string[], query: string): number[] {
  const scores = texts.map(() => 1);
  for (const r of new Fuse(texts, FUSE_OPTIONS).search(query)) scores[r.refIndex] = r.score ?? 1;
  return scores;
}

export interface Candidate {
  factId: string;
  /** Share of the question's weight the fact covers, 0..1. */
  coverage: number;
  /** Best idf-weighted overlap with one of the fact's phrasings, 0..1. */
  similarity: number;
  /** Fuse.js score of the best phrasing (0 perfect, 1 no match). */
  fuse: number;
  score: number;
}

export type MatchResult =
  | { tier: 'exact'; factId: string; score: 1; analysis: Analysis; candidates: Candidate[] }
  | { tier: 'fuzzy'; factId: string; score: number; analysis: Analysis; candidates: Candidate[] }
  | { tier: 'declined'; reason: string; foreign: string[]; analysis: Analysis; candidates: Candidate[] };

/** Tuning, chosen from the evaluation set's confidence table (see `npm run eval`). */
export const MATCH = {
  /** Below this score a fuzzy match is declined. */
  threshold: 0.55,
  /** How many facts the inverted index keeps for scoring. */
  candidates: 6,
  /** How many of those Fuse.js scores against their closest phrasing. */
  fuseRanked: 2,
  /** A token in more facts than this share (and this floor) is "common": see rank(). */
  commonShare: 0.1,
  commonFloor: 50,
  weights: { coverage: 0.6, similarity: 0.3, fuse: 0.1 },
  /** A token found only in a fact's answer counts this much of a token in its questions. */
  weakHit: 0.5,
  /** A word the knowledge base has never seen weighs this much of its rarest word. */
  unknownWeight: 1,
  /** A light verb ("make", "use", "sit"; lang/*.yaml lightWords) counts this much of its weight. */
  lightWeight: 0.4,
  /**
   * A question whose words weigh less than this share of a word only one fact holds is declined
   * (the fuzzy tier): chosen in the middle of the range (0.45-0.65) where the tuning sets lose no right answer.
   */
  minWeight: 0.5,
  /**
   * In a question of this many distinct words or more, a word the knowledge base has never seen
   * weighs `longUnknown` of what it weighs in a short one: long chat questions carry filler
   * ("realistically", "dramatic as usual") that a short question would not. Chosen where the tuning
   * sets gain right answers and no wrong ones (0.7-0.8 with 5 words).
   */
  longTokens: 5,
  longUnknown: 0.75,
};

// Tokens asking for a date, a place, a quantity, a person or an opinion are roles declared in lang/*.yaml
// (Lexicon.focusTokens). A fact may answer a question holding one only if its own questions hold it
// too: "When did the country join X?" must not get the fact saying that it is a member of X.

/** The k entries with the highest values, best first, without sorting the whole map. */
function topK(map: Map<number, number>, k: number): [number, number][] {
  const out: [number, number][] = [];
  for (const entry of map) {
    if (out.length === k && entry[1] <= out[k - 1]![1]) continue;
    let at = out.length;
    while (at > 0 && out[at - 1]![1] < entry[1]) at--;
    out.splice(at, 0, entry);
    if (out.length > k) out.pop();
  }
  return out;
}

const keyOf = (tokens: string[]) => [...new Set(tokens)].sort().join(' ');

/** Where each row starts in a flat array of rows this long, and (last) where the array ends. */
function offsets(lengths: readonly number[]): Int32Array {
  const start = new Int32Array(lengths.length + 1);
  lengths.forEach((length, r) => (start[r + 1] = start[r]! + length));
  return start;
}

/** Ranges of one flat array by row: row r's values are values[start[r] .. start[r + 1]). */
function flatten(rows: readonly (readonly number[])[]): { start: Int32Array; values: Int32Array } {
  const start = offsets(rows.map((row) => row.length));
  const values = new Int32Array(start[rows.length]!);
  rows.forEach((row, r) => values.set(row, start[r]!));
  return { start, values };
}

/**
 * The index holds no string per fact: every token of the knowledge base is interned once
 * (`tokenIds`, `tokenNames`) and facts, phrasings and postings hold token ids in flat typed arrays,
 * each row a range of one array (see flatten). Facts are numbered in the knowledge base's order;
 * phrasings (a fact's question and alternates, then its Spanish ones) are numbered fact after fact.
 */
export class Matcher {
  readonly analyzer: Analyzer;
  readonly lexicon: Lexicon;
  private readonly factList: Fact[];
  private readonly byId = new Map<string, number>();
  /** Every token of the knowledge base, and the light words -> its id. */
  private readonly tokenIds = new Map<string, number>();
  /** Token id -> the token. */
  private readonly tokenNames: string[] = [];
  /** Token id -> its idf (a token no fact holds: unknownIdf, light words weighed down). */
  private readonly idfs: Float64Array;
  private readonly unknownIdf: number;
  /** The idf of a token only one fact holds (its phrasings count once): the rarest known word. */
  private readonly maxIdf: number;
  /**
   * Inverted index: token id -> the facts holding it, in fact order, as postings[postingStart[id] ..
   * postingStart[id + 1]). Each entry is the fact's number * 2, + 1 when the fact's questions,
   * alternates or keywords hold the token (strong), + 0 when only its answers do (weak).
   */
  private readonly postingStart: Int32Array;
  private readonly postings: Int32Array;
  /** Fact -> the token ids of the entities it is about (named in its questions or keywords). */
  private readonly entityStart: Int32Array;
  private readonly entities: Int32Array;
  /** Fact -> its phrasings: phrasingStart[i] .. phrasingStart[i + 1]. */
  private readonly phrasingStart: Int32Array;
  /** Phrasing -> its canonical tokens' ids in order, duplicates kept. */
  private readonly tokenStart: Int32Array;
  private readonly phrasingTokens: Int32Array;
  /** Phrasing -> the sum of its distinct tokens' idf. */
  private readonly phrasingWeights: Float64Array;
  /**
   * The exact tier: the phrasings whose key (distinct tokens, sorted) no other fact shares, sorted
   * by the key's hash; a lookup checks the phrasing's key itself, so a hash collision matches nothing.
   */
  private readonly exactHashes: Uint32Array;
  private readonly exactPhrasings: Int32Array;
  private readonly exactFacts: Int32Array;
  /** Entities at least one fact is about. */
  private readonly coveredEntities = new Set<string>();
  /** Components switched off (BrainOptions; the eval's ablation). */
  private readonly off: ReadonlySet<Component>;
  /** Scratch space for rank(), one slot per phrasing of the fact with the most (allocating it per fact cost more than the loop). */
  private readonly shared: Float64Array;

  constructor(kb: KnowledgeBase, options: BrainOptions = {}) {
    this.off = new Set(options.off);
    this.lexicon = buildLexicon(kb);
    this.analyzer = new Analyzer(
      this.off.has('synonyms') ? [] : kb.synonyms,
      kb.facts.flatMap(factTexts),
      this.lexicon,
      !this.off.has('typos'),
    );
    const an = (text: string, lang: Lang) => this.analyzer.analyze(text, lang, false);
    const intern = (token: string) => {
      let id = this.tokenIds.get(token);
      if (id === undefined) {
        id = this.tokenNames.length;
        this.tokenIds.set(token, id);
        this.tokenNames.push(token);
      }
      return id;
    };

    this.factList = [...kb.facts];
    const postingLists: number[][] = [];
    const entityLists: number[][] = [];
    const phrasingCounts: number[] = [];
    const phrasingLists: number[][] = [];
    // Key -> the first phrasing holding it and that phrasing's fact; a key two facts share is
    // ambiguous: leave it to the fuzzy tier.
    const exact = new Map<string, [phrasing: number, fact: number]>();
    const ambiguous = new Set<string>();
    this.factList.forEach((fact, i) => {
      this.byId.set(fact.id, i);
      const phrasings = [
        ...[fact.question, ...fact.alternates].map((t) => an(t, 'en')),
        ...[fact.es.question, ...fact.es.alternates].map((t) => an(t, 'es')),
      ].map((a) => a.tokens);
      const keywordAnalyses = fact.keywords.map((k) => an(k, 'en'));
      const strong = new Set([...phrasings.flat(), ...keywordAnalyses.flatMap((a) => a.tokens)]);
      const weak = new Set(
        this.off.has('answer-words')
          ? []
          : [...an(fact.answer, 'en').tokens, ...an(fact.es.answer, 'es').tokens],
      );
      const entities = new Set(
        [
          ...[fact.question, ...fact.alternates].map((t) => an(t, 'en')),
          ...[fact.es.question, ...fact.es.alternates].map((t) => an(t, 'es')),
          ...keywordAnalyses,
        ].flatMap((a) => a.entities),
      );
      phrasingCounts.push(phrasings.length);
      for (const tokens of phrasings) {
        const key = keyOf(tokens);
        if (key) {
          const owner = exact.get(key);
          if (owner !== undefined && owner[1] !== i) ambiguous.add(key);
          else if (owner === undefined) exact.set(key, [phrasingLists.length, i]);
        }
        phrasingLists.push(tokens.map(intern));
      }
      entityLists.push([...entities].map(intern));
      for (const e of entities) this.coveredEntities.add(e);
      for (const t of new Set([...strong, ...weak])) {
        const id = intern(t);
        (postingLists[id] ??= []).push(i * 2 + (strong.has(t) ? 1 : 0));
      }
    });
    for (const w of this.lexicon.lightWords) intern(w);
    for (const k of ambiguous) exact.delete(k);

    const n = this.factList.length;
    this.maxIdf = Math.log(1 + n);
    this.unknownIdf = this.maxIdf * MATCH.unknownWeight;
    this.idfs = new Float64Array(this.tokenNames.length).fill(this.unknownIdf);
    postingLists.forEach((list, id) => (this.idfs[id] = Math.log(1 + n / list.length)));
    // Light verbs are weighed down once here, known or not, so idf() stays a plain lookup.
    for (const w of this.lexicon.lightWords) this.idfs[this.tokenIds.get(w)!]! *= MATCH.lightWeight;
    ({ start: this.postingStart, values: this.postings } = flatten(
      Array.from({ length: this.tokenNames.length }, (_, id) => postingLists[id] ?? []),
    ));
    ({ start: this.entityStart, values: this.entities } = flatten(entityLists));
    ({ start: this.tokenStart, values: this.phrasingTokens } = flatten(phrasingLists));
    this.phrasingStart = offsets(phrasingCounts);
    this.phrasingWeights = new Float64Array(phrasingLists.length);
    phrasingLists.forEach((ids, p) => {
      let weight = 0;
      ids.forEach((id, at) => {
        if (ids.indexOf(id) === at) weight += this.idfs[id]!;
      });
      this.phrasingWeights[p] = weight;
    });
    const entries = [...exact.entries()]
      .map(([key, [phrasing, fact]]) => ({ hash: hashWithout(key, -1), phrasing, fact }))
      .sort((a, b) => a.hash - b.hash);
    this.exactHashes = Uint32Array.from(entries, (e) => e.hash);
    this.exactPhrasings = Int32Array.from(entries, (e) => e.phrasing);
    this.exactFacts = Int32Array.from(entries, (e) => e.fact);
    this.shared = new Float64Array(phrasingCounts.reduce((m, c) => Math.max(m, c), 0));
  }

  get size(): number {
    return this.factList.length;
  }

  fact(id: string): Fact | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.factList[i];
  }

  get facts(): Fact[] {
    return [...this.factList];
  }

  private idf(token: string): number {
    const id = this.tokenIds.get(token);
    return id === undefined ? this.unknownIdf : this.idfs[id]!;
  }

  /** Whether fact i is about the entity (its questions or keywords name it). */
  private isAbout(i: number, entity: string): boolean {
    const id = this.tokenIds.get(entity);
    if (id === undefined) return false;
    for (let k = this.entityStart[i]!; k < this.entityStart[i + 1]!; k++)
      if (this.entities[k] === id) return true;
    return false;
  }

  /** Whether fact i's questions, alternates or keywords hold the token (its posting is strong). */
  private isStrong(i: number, token: string): boolean {
    const id = this.tokenIds.get(token);
    if (id === undefined) return false;
    // The posting list is in fact order: a binary search for fact i.
    let lo = this.postingStart[id]!;
    let hi = this.postingStart[id + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.postings[mid]! >> 1 < i) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.postingStart[id + 1]! && this.postings[lo] === i * 2 + 1;
  }

  /** A phrasing's key: its distinct tokens, sorted, joined (as keyOf). */
  private phrasingKey(p: number): string {
    const names = this.phrasingTokens.subarray(this.tokenStart[p]!, this.tokenStart[p + 1]!);
    return keyOf(Array.from(names, (id) => this.tokenNames[id]!));
  }

  /** The phrasing's canonical tokens joined: what Fuse.js compares the question with. */
  private phrasingText(p: number): string {
    const names = this.phrasingTokens.subarray(this.tokenStart[p]!, this.tokenStart[p + 1]!);
    return Array.from(names, (id) => this.tokenNames[id]!).join(' ');
  }

  /** The fact one of whose phrasings has exactly this key, when no other fact's phrasing has it. */
  private exactFact(key: string): number | undefined {
    const h = hashWithout(key, -1);
    const hashes = this.exactHashes;
    for (let k = lowerBound(hashes, h); k < hashes.length && hashes[k] === h; k++)
      if (this.phrasingKey(this.exactPhrasings[k]!) === key) return this.exactFacts[k];
    return undefined;
  }

  match(question: string, lang: Lang): MatchResult {
    return this.matchAnalysis(this.analyzer.analyze(question, lang));
  }

  /** The best fact for an analysed question (the brain builds some: a follow-up read with its context). */
  matchAnalysis(analysis: Analysis): MatchResult {
    const { tokens } = analysis;
    const { questionWords, focusTokens, home } = this.lexicon;
    if (tokens.every((t) => questionWords.has(t)))
      return { tier: 'declined', reason: 'no words to match', foreign: [], analysis, candidates: [] };
    // Only the entity every fact is about (a bare "X?"): nothing says which fact is asked for.
    if (tokens.every((t) => t === home || questionWords.has(t)))
      return {
        tier: 'declined',
        reason: `names only ${home}, which every fact is about`,
        foreign: [],
        analysis,
        candidates: this.rank(tokens),
      };

    const guard = !this.off.has('entity-guard');
    const asked = new Set(guard ? analysis.entities.filter((e) => e !== home) : []);
    const foreign = [...asked].filter((e) => !this.coveredEntities.has(e));

    const exactFact = this.off.has('exact') ? undefined : this.exactFact(keyOf(tokens));
    if (exactFact !== undefined && !foreign.length) {
      if ([...asked].every((e) => this.isAbout(exactFact, e)))
        return {
          tier: 'exact',
          factId: this.factList[exactFact]!.id,
          score: 1,
          analysis,
          candidates: [],
        };
    }

    if (foreign.length)
      return {
        tier: 'declined',
        reason: `names ${foreign.join(', ')}, which no fact is about`,
        foreign,
        analysis,
        candidates: this.rank(tokens),
      };

    // Only facts about every entity named, and asking every date/place/quantity/person/opinion word asked, may answer.
    const focus = this.off.has('focus') ? [] : tokens.filter((t) => focusTokens.has(t));
    const entities = [...asked];
    const filtered = entities.length > 0 || focus.length > 0;
    const eligible = (i: number) =>
      entities.every((e) => this.isAbout(i, e)) && focus.every((t) => this.isStrong(i, t));
    const fitting = filtered ? this.rank(tokens, eligible) : this.rank(tokens);
    const best = fitting[0];
    // A declined question's suggestions come from every fact, not only the eligible ones; an answered
    // one's candidates are the eligible facts it was chosen from.
    const declined = (reason: string, foreignNames: string[]) => ({
      tier: 'declined' as const,
      reason,
      foreign: foreignNames,
      analysis,
      candidates: filtered ? this.rank(tokens) : fitting,
    });
    if (!best) {
      const reason = focus.length
        ? `asks "${focus.map((t) => t.slice(1)).join(', ')}", which no fact answers`
        : asked.size
          ? `no fact is about ${entities.join(' and ')} together`
          : 'no fact shares its words';
      return declined(reason, focus.length ? [] : entities);
    }
    // Words many facts share ("organizations?", "countries") say too little to choose one of them.
    const weight = [...new Set(tokens)].reduce((sum, t) => sum + this.idf(t), 0);
    if (weight < MATCH.minWeight * this.maxIdf)
      return declined('its words are shared by too many facts to choose one', []);
    if (best.score < MATCH.threshold)
      return declined(`best score ${best.score.toFixed(2)} is below the threshold ${MATCH.threshold}`, []);
    return { tier: 'fuzzy', factId: best.factId, score: best.score, analysis, candidates: fitting };
  }

  /**
   * Scores every fact sharing a token with the question (inverted index), keeps the best few, then
   * lets Fuse.js score the question against each one's closest phrasing: the fuzzy, character-level
   * part of the ranking. Fuse.js runs on a handful of short strings only, so the cost stays flat
   * however many facts there are.
   */
  private rank(tokens: string[], eligible: (i: number) => boolean = () => true): Candidate[] {
    const long = new Set(tokens).size >= MATCH.longTokens;
    const weightOf = (t: string) =>
      long && !this.tokenIds.has(t) ? this.idf(t) * MATCH.longUnknown : this.idf(t);
    const unique = [...new Set(tokens)].sort((a, b) => weightOf(b) - weightOf(a));
    const total = unique.reduce((s, t) => s + weightOf(t), 0);
    // Rarest tokens first. A token in a large share of a big base only adds to facts already found:
    // it cannot make a fact a good match alone, and walking its whole posting list would cost most.
    const common = Math.max(MATCH.commonFloor, this.factList.length * MATCH.commonShare);
    const hits = new Map<number, number>();
    // The question's tokens as ids (-1: no fact holds it) and weights, rarest first.
    const ids = unique.map((t) => this.tokenIds.get(t) ?? -1);
    const qWeights = unique.map(weightOf);
    unique.forEach((_, u) => {
      const id = ids[u]!;
      const w = qWeights[u]!;
      const start = id < 0 ? 0 : this.postingStart[id]!;
      const end = id < 0 ? 0 : this.postingStart[id + 1]!;
      const onlyKnown = end - start > common && hits.size > 0;
      for (let k = start; k < end; k++) {
        const posting = this.postings[k]!;
        const i = posting >> 1;
        const prev = hits.get(i);
        if (prev === undefined && (onlyKnown || !eligible(i))) continue;
        hits.set(i, (prev ?? 0) + (posting & 1 ? w : w * MATCH.weakHit));
      }
    });
    const top = topK(hits, MATCH.candidates);
    // The query as Fuse.js sees it: its rarest tokens first, within bitap's 32-character window.
    let query = '';
    for (const t of unique) if (query.length + t.length + 1 <= 32) query = query ? `${query} ${t}` : t;
    // Fuse.js switched off (ablation): the other two terms keep the same share of the score.
    const withFuse = !this.off.has('fuse');
    const weights = withFuse
      ? MATCH.weights
      : (({ coverage, similarity }) => ({
          coverage: coverage / (coverage + similarity),
          similarity: similarity / (coverage + similarity),
          fuse: 0,
        }))(MATCH.weights);
    const ranked = top
      .map(([i, hit]) => {
        const first = this.phrasingStart[i]!;
        const count = this.phrasingStart[i + 1]! - first;
        // Idf weight each phrasing shares with the question, the question's tokens in order.
        const both = this.shared;
        both.fill(0, 0, count);
        ids.forEach((id, u) => {
          if (id < 0) return;
          for (let at = 0; at < count; at++) {
            const p = first + at;
            for (let k = this.tokenStart[p]!; k < this.tokenStart[p + 1]!; k++)
              if (this.phrasingTokens[k] === id) {
                both[at] = both[at]! + qWeights[u]!;
                break;
              }
          }
        });
        let similarity = 0;
        let closest = first;
        for (let at = 0; at < count; at++) {
          const weight = this.phrasingWeights[first + at]!;
          const sim = weight > 0 ? both[at]! / Math.sqrt(weight * total) : 0;
          if (sim > similarity) [similarity, closest] = [sim, first + at];
        }
        return { i, coverage: hit / total, similarity, closest };
      })
      .sort((a, b) => b.coverage + b.similarity - (a.coverage + a.similarity));
    // One Fuse.js search over the leaders' closest phrasings, so the pattern is compiled once.
    const fuseScores = withFuse
      ? fuseScoresOf(
          ranked.slice(0, MATCH.fuseRanked).map((r) => this.phrasingText(r.closest)),
          query,
        )
      : [];
    return ranked
      .map((c, rankIndex) => {
        const fuse = fuseScores[rankIndex] ?? 1;
        const score =
          weights.coverage * c.coverage + weights.similarity * c.similarity + weights.fuse * (1 - fuse);
        return {
          factId: this.factList[c.i]!.id,
          coverage: c.coverage,
          similarity: c.similarity,
          fuse,
          score,
        };
      })
      .sort((a, b) => b.score - a.score);
  }
}
