// Question -> the best fact, in tiers: an exact phrasing first; then candidates narrowed by an
// inverted index over canonical tokens, scored by how much of the question each fact covers, and
// ranked by Fuse.js over the candidates' phrasings; then a guard that refuses facts about other
// countries or organizations than the question names. Pure: no I/O, built once per knowledge base.
import Fuse from 'fuse.js';
import { Analyzer, type Analysis } from './analyze.js';
import type { BrainOptions, Component } from './components.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { factTexts, type Fact, type KnowledgeBase } from '../knowledge/schema.js';
import type { Lang } from './types.js';

interface Phrasing {
  key: string;
  tokens: string[];
  set: Set<string>;
  /** The canonical tokens joined: what Fuse.js compares the question with. */
  text: string;
  /** Sum of its distinct tokens' idf, computed once the index is built. */
  weight: number;
  lang: Lang;
}

const FUSE_OPTIONS = { includeScore: true, ignoreLocation: true, threshold: 0.6 } as const;

/** Fuse.js scores (0 perfect, 1 no match) of one query against each text, in the texts' order. */
function fuseScoresOf(texts: string[], query: string): number[] {
  const scores = texts.map(() => 1);
  for (const r of new Fuse(texts, FUSE_OPTIONS).search(query)) scores[r.refIndex] = r.score ?? 1;
  return scores;
}

interface Doc {
  fact: Fact;
  /** Tokens of the questions, alternates and keywords: what the fact is about. */
  strong: Set<string>;
  /** Tokens of the answers only: what the fact mentions. */
  weak: Set<string>;
  /** Entities the fact is about (named in its questions or keywords). */
  entities: Set<string>;
  phrasings: Phrasing[];
  /** Token -> the indexes of this fact's phrasings that hold it. */
  inPhrasings: Map<string, number[]>;
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
  fuseRanked: 1,
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

export class Matcher {
  readonly analyzer: Analyzer;
  readonly lexicon: Lexicon;
  private readonly docs: Doc[];
  private readonly byId = new Map<string, Doc>();
  private readonly exact = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private readonly idfs = new Map<string, number>();
  private readonly unknownIdf: number;
  /** Entities at least one fact is about. */
  private readonly coveredEntities = new Set<string>();
  /** Components switched off (BrainOptions; the eval's ablation). */
  private readonly off: ReadonlySet<Component>;
  /** Scratch space for rank(), one slot per phrasing of the fact with the most (allocating it per fact cost more than the loop). */
  private readonly shared: number[];

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

    this.docs = kb.facts.map((fact) => {
      const phrasings: Phrasing[] = [
        ...[fact.question, ...fact.alternates].map((t) => ({ t, lang: 'en' as const })),
        ...[fact.es.question, ...fact.es.alternates].map((t) => ({ t, lang: 'es' as const })),
      ].map(({ t, lang }) => {
        const tokens = an(t, lang).tokens;
        return { key: keyOf(tokens), tokens, set: new Set(tokens), text: tokens.join(' '), lang, weight: 0 };
      });
      const keywordAnalyses = fact.keywords.map((k) => an(k, 'en'));
      const strong = new Set([
        ...phrasings.flatMap((p) => p.tokens),
        ...keywordAnalyses.flatMap((a) => a.tokens),
      ]);
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
      const inPhrasings = new Map<string, number[]>();
      phrasings.forEach((p, i) => {
        for (const t of p.set) {
          const list = inPhrasings.get(t);
          if (list) list.push(i);
          else inPhrasings.set(t, [i]);
        }
      });
      return { fact, strong, weak, entities, phrasings, inPhrasings };
    });

    for (const d of this.docs) this.byId.set(d.fact.id, d);
    // An exact key that two facts share is ambiguous: leave it to the fuzzy tier.
    const ambiguous = new Set<string>();
    this.docs.forEach((doc, i) => {
      for (const p of doc.phrasings) {
        if (!p.key) continue;
        const owner = this.exact.get(p.key);
        if (owner !== undefined && owner !== i) ambiguous.add(p.key);
        else this.exact.set(p.key, i);
      }
      for (const e of doc.entities) this.coveredEntities.add(e);
      for (const t of new Set([...doc.strong, ...doc.weak])) {
        const list = this.postings.get(t);
        if (list) list.push(i);
        else this.postings.set(t, [i]);
      }
    });
    for (const k of ambiguous) this.exact.delete(k);
    const n = this.docs.length;
    for (const [t, list] of this.postings) this.idfs.set(t, Math.log(1 + n / list.length));
    this.unknownIdf = Math.log(1 + n) * MATCH.unknownWeight;
    // Light verbs are weighed down once here, known or not, so idf() stays a plain lookup.
    for (const w of this.lexicon.lightWords) this.idfs.set(w, this.idf(w) * MATCH.lightWeight);
    for (const doc of this.docs)
      for (const p of doc.phrasings) for (const t of p.set) p.weight += this.idf(t);
    this.shared = new Array<number>(this.docs.reduce((m, d) => Math.max(m, d.phrasings.length), 0)).fill(0);
  }

  get size(): number {
    return this.docs.length;
  }

  fact(id: string): Fact | undefined {
    return this.byId.get(id)?.fact;
  }

  get facts(): Fact[] {
    return this.docs.map((d) => d.fact);
  }

  private idf(token: string): number {
    return this.idfs.get(token) ?? this.unknownIdf;
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

    const exactDoc = this.off.has('exact') ? undefined : this.exact.get(keyOf(tokens));
    if (exactDoc !== undefined && !foreign.length) {
      const doc = this.docs[exactDoc]!;
      if ([...asked].every((e) => doc.entities.has(e)))
        return { tier: 'exact', factId: doc.fact.id, score: 1, analysis, candidates: [] };
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
    const eligible = (doc: Doc) =>
      entities.every((e) => doc.entities.has(e)) && focus.every((t) => doc.strong.has(t));
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
  private rank(tokens: string[], eligible: (doc: Doc) => boolean = () => true): Candidate[] {
    const unique = [...new Set(tokens)].sort((a, b) => this.idf(b) - this.idf(a));
    const total = unique.reduce((s, t) => s + this.idf(t), 0);
    // Rarest tokens first. A token in a large share of a big base only adds to facts already found:
    // it cannot make a fact a good match alone, and walking its whole posting list would cost most.
    const common = Math.max(MATCH.commonFloor, this.docs.length * MATCH.commonShare);
    const hits = new Map<number, number>();
    for (const t of unique) {
      const w = this.idf(t);
      const list = this.postings.get(t) ?? [];
      const onlyKnown = list.length > common && hits.size > 0;
      for (const i of list) {
        const prev = hits.get(i);
        if (prev === undefined && (onlyKnown || !eligible(this.docs[i]!))) continue;
        hits.set(i, (prev ?? 0) + (this.docs[i]!.strong.has(t) ? w : w * MATCH.weakHit));
      }
    }
    const top = topK(hits, MATCH.candidates);
    const qWeights = unique.map((t) => [t, this.idf(t)] as const);
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
        const doc = this.docs[i]!;
        // Idf weight each phrasing shares with the question, walking only the phrasings holding its tokens.
        const both = this.shared;
        both.fill(0, 0, doc.phrasings.length);
        for (const [t, w] of qWeights) for (const p of doc.inPhrasings.get(t) ?? []) both[p] = both[p]! + w;
        let similarity = 0;
        let closest = doc.phrasings[0]!;
        doc.phrasings.forEach((p, at) => {
          const sim = p.weight > 0 ? both[at]! / Math.sqrt(p.weight * total) : 0;
          if (sim > similarity) [similarity, closest] = [sim, p];
        });
        return { i, coverage: hit / total, similarity, closest };
      })
      .sort((a, b) => b.coverage + b.similarity - (a.coverage + a.similarity));
    // One Fuse.js search over the leaders' closest phrasings, so the pattern is compiled once.
    const fuseScores = withFuse
      ? fuseScoresOf(
          ranked.slice(0, MATCH.fuseRanked).map((r) => r.closest.text),
          query,
        )
      : [];
    return ranked
      .map((c, rankIndex) => {
        const fuse = fuseScores[rankIndex] ?? 1;
        const score =
          weights.coverage * c.coverage + weights.similarity * c.similarity + weights.fuse * (1 - fuse);
        return {
          factId: this.docs[c.i]!.fact.id,
          coverage: c.coverage,
          similarity: c.similarity,
          fuse,
          score,
        };
      })
      .sort((a, b) => b.score - a.score);
  }
}
