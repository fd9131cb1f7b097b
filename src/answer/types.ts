// The transport-neutral answer. Every transport (terminal, JSON CLI, Discord) renders this and
// nothing else, so the knowledge layer never needs to know who asked.
import type { Fact, KnowledgeBase, Lang, Persona, Source, Topic } from '../knowledge/schema.js';

export type { Lang } from '../knowledge/schema.js';

/**
 * The longest question the brain reads, in characters: Discord's message limit. Longer input is
 * cut to this and the user is told. The one question-length limit: every transport uses it.
 */
export const MAX_QUESTION_LENGTH = 2000;

/** How the question was handled: which tier matched, or why nothing did. */
export type Tier = 'exact' | 'fuzzy' | 'smalltalk' | 'declined' | 'empty';

export interface Suggestion {
  factId: string;
  /** The fact's canonical question in the answer's language. */
  question: string;
}

export interface Explain {
  tier: Tier;
  /** Normalized tokens the matcher used. */
  tokens: string[];
  /** Best candidate considered, even when declined. */
  best: { factId: string; score: number; coverage: number; fuse: number } | null;
  /** Why the question was declined, in a sentence; null when answered. */
  reason: string | null;
}

export interface Answer {
  /** The question as matched (cut to the length limit when too long). */
  question: string;
  /** True only when the text is a factual answer from the knowledge base. */
  answered: boolean;
  /** The answer, or the decline / small-talk message. */
  text: string;
  /** 0..1: how sure the matcher is that the fact answers the question. */
  confidence: number;
  /** The first fact used (factIds[0]), or null when not answered. */
  factId: string | null;
  /** Every fact the answer uses, in the order the reply gives them; empty when not answered. */
  factIds: string[];
  topic: Topic | null;
  lang: Lang;
  sources: Source[];
  /** Follow-up questions from the fact's related ids. */
  related: Suggestion[];
  /** "Did you mean" questions when not answered. */
  suggestions: Suggestion[];
  /** The question was longer than the limit and was cut before matching. */
  truncated: boolean;
  explain: Explain;
}

export interface AskOptions {
  /** Language hint from the transport (a Discord user's locale); the question's own language wins when clear. */
  locale?: string | undefined;
  /** The earlier questions of the same conversation, oldest first (a follow-up is read in their light). */
  history?: readonly string[] | undefined;
  /** The Discord server asking, for phrasings learned in that server only (TEACH_SHARING=off). */
  guildId?: string | null | undefined;
}

/** The bot's brain: what every transport talks to. */
export interface Brain {
  ask(question: string, options?: AskOptions): Answer;
  /** Ranked known questions for autocomplete; pinned ones when the input is empty. */
  complete(input: string, options?: AskOptions & { limit?: number }): Suggestion[];
  /** The answer for a known fact id (buttons, the featured command), in the given language. */
  answerFact(factId: string, options?: AskOptions): Answer | null;
  /** Every fact, in file order (for /alliances and listings). */
  facts(): readonly Fact[];
  readonly factCount: number;
  /** The language a question is in, the locale breaking ties (the one language resolver). */
  detectLang(text: string, locale?: string | null): Lang;
  /** What the bot says on its own, its topics and featured command (persona.yaml). */
  readonly persona: Persona;
  /** The knowledge base's entities, persona and languages, as validated. */
  readonly domain: Pick<KnowledgeBase, 'entities' | 'persona' | 'languages'>;
}
