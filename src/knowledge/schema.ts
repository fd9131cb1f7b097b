// The shape of a knowledge file, as data. Every file under knowledge/ is checked against this at
// start-up and in CI (`npm run validate`); cross-file rules live in validate.ts.
import { z } from 'zod';

/** In the order listings show them: the question people ask most first. */
export const TOPICS = ['security', 'trade', 'organizations', 'environment', 'culture', 'diplomacy', 'source'] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_LABELS: Record<Topic, { en: string; es: string }> = {
  security: { en: 'Security and NATO', es: 'Seguridad y la OTAN' },
  trade: { en: 'Economy and trade', es: 'Economía y comercio' },
  organizations: { en: 'International organizations', es: 'Organismos internacionales' },
  environment: { en: 'Environment and climate', es: 'Medio ambiente y clima' },
  culture: { en: 'Culture and science', es: 'Cultura y ciencia' },
  diplomacy: { en: 'Diplomacy', es: 'Diplomacia' },
  source: { en: 'About the source', es: 'Sobre la fuente' },
};

/** Discord limits an answer must fit in, with room left for the source line and headings. */
export const LIMITS = {
  answer: 700,
  question: 200,
  phrasing: 200,
  /** Discord: 100 characters for an autocomplete choice name and 80 for a button label. */
  buttonLabel: 80,
} as const;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const SourceSchema = z.strictObject({
  title: text(200),
  section: text(200),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) address' }),
});

const LocalizedSchema = z.strictObject({
  question: text(LIMITS.question),
  alternates: z.array(text(LIMITS.phrasing)).default([]),
  answer: text(LIMITS.answer),
});

export const FactSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'),
  question: text(LIMITS.question),
  alternates: z.array(text(LIMITS.phrasing)).min(1, 'needs at least one alternate phrasing'),
  keywords: z.array(text(60)).default([]),
  answer: text(LIMITS.answer),
  es: LocalizedSchema,
  sources: z.array(SourceSchema).min(1, 'needs at least one source'),
  related: z.array(z.string()).default([]),
  /** Shown when autocomplete is empty and as suggestions when nothing matches. */
  pinned: z.boolean().default(false),
});

export const KnowledgeFileSchema = z.strictObject({
  topic: z.enum(TOPICS),
  facts: z.array(FactSchema).min(1, 'a knowledge file needs at least one fact'),
});

/** Words that mean the same thing to the matcher, e.g. NATO and OTAN. The first word is the canonical one. */
export const SynonymsFileSchema = z.strictObject({
  synonyms: z.array(z.array(text(60)).min(2, 'a synonym group needs at least two words')),
});

export type Source = z.infer<typeof SourceSchema>;
export type FactInput = z.infer<typeof FactSchema>;
export type Fact = FactInput & { topic: Topic; file: string };
export type KnowledgeBase = {
  facts: Fact[];
  synonyms: string[][];
  /** Phrasings moderators taught (src/knowledge/learned.ts), already checked; none from the files. */
  learned?: readonly { phrasing: string; factId: string; lang: 'en' | 'es'; guildId?: string | null }[];
};

/** Every text of a fact, both languages: questions, alternates, keywords and answers. */
export const factTexts = (f: FactInput): string[] => [
  f.question,
  ...f.alternates,
  ...f.keywords,
  f.answer,
  f.es.question,
  ...f.es.alternates,
  f.es.answer,
];
