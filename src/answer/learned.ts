// Learned phrasings: questions moderators taught as another way of asking an existing fact (see
// src/teach/). They are checked like the knowledge files' own phrasings and handed to the brain,
// which answers a question whose words are exactly a learned phrasing's (after the usual folding,
// typo correction and synonyms, in any order) with its fact, before the matcher runs. They are not
// added to the facts' alternates: a taught word (an abbreviation, say) would then pull unrelated questions to the
// fact through the fuzzy tier, and autocomplete would show what people typed. They only route
// questions: they never add a fact or touch an answer text. Checks that need no brain live here;
// the teaching service adds the ones that do (the phrasing is then answered with its fact, and no
// phrasing of the knowledge files changes its answer).
import { factTexts, LIMITS, type Fact, type KnowledgeBase } from '../knowledge/schema.js';
import { normalize } from '../text/fold.js';
import { Analyzer } from './analyze.js';
import { detectLang } from './lang.js';
import { buildLexicon, displayName, type Lexicon } from './lexicon.js';
import { smallTalkOf, type SmallTalk } from './smalltalk.js';
import type { Lang } from './types.js';

export interface LearnedPhrasing {
  phrasing: string;
  factId: string;
  lang: Lang;
  /** Only in this Discord server; null or absent: everywhere (TEACH_SHARING, see src/teach/). */
  guildId?: string | null;
}
export type { Lang };

/** Why a phrasing cannot be learned, one sentence each (tests assert these). */
export const LEARNED_ERRORS = {
  empty: 'The question is empty. Type the question as people ask it.',
  tooLong: (max: number) => `The question is longer than ${max} characters; shorten it to how people ask it.`,
  noWords: (text: string) => `"${text}" has no words the bot can match on.`,
  smallTalk: (text: string) => `"${text}" is small talk: the bot answers it with a greeting, not a fact.`,
  unknownFact: (id: string) => `No fact has the id "${id}". \`npm run teach -- --facts\` lists them.`,
  sameFact: (text: string, id: string) =>
    `"${text}" is already a phrasing of fact "${id}": nothing to learn.`,
  otherFact: (text: string, owner: string) =>
    `"${text}" is already a phrasing of fact "${owner}" in the knowledge files; a phrasing belongs to one fact only.`,
  learnedOther: (text: string, owner: string) =>
    `"${text}" was already taught as a phrasing of fact "${owner}"; undo that first if it was wrong.`,
  learnedSame: (text: string, id: string) => `"${text}" is already learned for fact "${id}".`,
  entity: (text: string, names: string[], id: string) =>
    `"${text}" names ${names.join(' and ')}, which fact "${id}" is not about; the bot must not answer it with that fact.`,
  focus: (text: string, roles: string[], id: string) =>
    `"${text}" asks for ${roles.map((r) => `a ${r}`).join(' and ')}, which fact "${id}" does not answer.`,
} as const;

export type LearnedCheck = { ok: true; lang: Lang; key: string } | { ok: false; reason: string };

/** The key under which a phrasing is owned: the same folding the knowledge files' uniqueness check uses. */
export const phrasingKey = (text: string): string => normalize(text.trim());

/** What each fact is about according to the knowledge files alone: its entities and its strong tokens. */
interface FactProfile {
  entities: Set<string>;
  strong: Set<string>;
}

/**
 * Checks phrasings against one knowledge base. Built once per base, with the analyzer the matcher
 * builds from it, so typo correction here is the one questions get: a misspelt country name is
 * checked as the country the brain will read.
 */
export class LearnedChecker {
  private readonly analyzer: Analyzer;
  private readonly lexicon: Lexicon;
  private readonly smallTalk: SmallTalk;
  private readonly byId: Map<string, Fact>;
  /** Normalized phrasing -> owning fact, from the knowledge files. */
  private readonly owners = new Map<string, string>();
  private readonly profiles = new Map<string, FactProfile>();

  constructor(private readonly kb: KnowledgeBase) {
    this.lexicon = buildLexicon(kb);
    this.smallTalk = smallTalkOf(this.lexicon);
    this.analyzer = new Analyzer(kb.synonyms, kb.facts.flatMap(factTexts), this.lexicon);
    this.byId = new Map(kb.facts.map((f) => [f.id, f]));
    for (const f of kb.facts) {
      const en = [f.question, ...f.alternates];
      const es = [f.es.question, ...f.es.alternates];
      for (const text of [...en, ...es]) this.owners.set(phrasingKey(text), f.id);
      const analyses = [
        ...en.map((t) => this.analyzer.analyze(t, 'en', false)),
        ...es.map((t) => this.analyzer.analyze(t, 'es', false)),
        ...f.keywords.map((k) => this.analyzer.analyze(k, 'en', false)),
      ];
      this.profiles.set(f.id, {
        entities: new Set(analyses.flatMap((a) => a.entities)),
        strong: new Set(analyses.flatMap((a) => a.tokens)),
      });
    }
  }

  fact(id: string): Fact | undefined {
    return this.byId.get(id);
  }

  /** Every check that needs no brain; `learned` are the phrasings already accepted. */
  check(text: string, factId: string, learned: ReadonlyMap<string, string> = new Map()): LearnedCheck {
    const phrasing = text.trim();
    if (!phrasing) return { ok: false, reason: LEARNED_ERRORS.empty };
    if (phrasing.length > LIMITS.phrasing)
      return { ok: false, reason: LEARNED_ERRORS.tooLong(LIMITS.phrasing) };
    const profile = this.profiles.get(factId);
    if (!profile) return { ok: false, reason: LEARNED_ERRORS.unknownFact(factId) };
    const key = phrasingKey(phrasing);
    const lang = detectLang(this.lexicon, phrasing);
    const raw = this.analyzer.analyze(phrasing, lang, false);
    const corrected = this.analyzer.analyze(phrasing, lang, true);
    const tokens = [...raw.tokens, ...corrected.tokens];
    const entities = [...raw.entities, ...corrected.entities];
    if (!key || corrected.tokens.length === 0) return { ok: false, reason: LEARNED_ERRORS.noWords(phrasing) };
    if (this.smallTalk.kind(phrasing)) return { ok: false, reason: LEARNED_ERRORS.smallTalk(phrasing) };
    const owner = this.owners.get(key);
    if (owner === factId) return { ok: false, reason: LEARNED_ERRORS.sameFact(phrasing, factId) };
    if (owner) return { ok: false, reason: LEARNED_ERRORS.otherFact(phrasing, owner) };
    const taught = learned.get(key);
    if (taught === factId) return { ok: false, reason: LEARNED_ERRORS.learnedSame(phrasing, factId) };
    if (taught) return { ok: false, reason: LEARNED_ERRORS.learnedOther(phrasing, taught) };
    // The matcher lets a fact answer a question naming an entity only if the fact is about it; a
    // learned phrasing would make the fact "about" whatever it names, so that is refused here.
    const { home, focusTokens } = this.lexicon;
    const foreign = [...new Set(entities)].filter((e) => e !== home && !profile.entities.has(e));
    if (foreign.length)
      return {
        ok: false,
        reason: LEARNED_ERRORS.entity(
          phrasing,
          foreign.map((e) => displayName(this.lexicon, e)),
          factId,
        ),
      };
    // Focus tokens are roles ("@date"): say the role.
    const focus = [...new Set(tokens.filter((t) => focusTokens.has(t) && !profile.strong.has(t)))];
    if (focus.length)
      return {
        ok: false,
        reason: LEARNED_ERRORS.focus(
          phrasing,
          focus.map((t) => t.replace(/^@/, '')),
          factId,
        ),
      };
    return { ok: true, lang, key };
  }

  /**
   * The knowledge base with the learned phrasings that pass the checks (in the order given), and
   * those that no longer do (the knowledge files changed since) left out with the reason. Never
   * throws for a bad learned phrasing: it must not stop start-up.
   */
  merge(learned: readonly LearnedPhrasing[]): {
    kb: KnowledgeBase;
    skipped: { phrasing: string; reason: string }[];
  } {
    const kept: LearnedPhrasing[] = [];
    const accepted = new Map<string, string>();
    const skipped: { phrasing: string; reason: string }[] = [];
    for (const l of learned) {
      // Pasted into the knowledge files since (`--export`): already there, nothing to add or say.
      if (this.owners.get(phrasingKey(l.phrasing)) === l.factId) continue;
      const result = this.check(l.phrasing, l.factId, accepted);
      if (!result.ok) {
        skipped.push({ phrasing: l.phrasing, reason: result.reason });
        continue;
      }
      accepted.set(result.key, l.factId);
      kept.push({
        phrasing: l.phrasing.trim(),
        factId: l.factId,
        lang: result.lang,
        guildId: l.guildId ?? null,
      });
    }
    return { kb: { ...this.kb, learned: kept }, skipped };
  }
}
