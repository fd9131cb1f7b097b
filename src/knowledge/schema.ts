// The shape of a knowledge file, as data. Every file under knowledge/ is checked against this at
// start-up and in CI (`npm run validate`); cross-file rules live in validate.ts.
import { z } from 'zod';

/** A topic id, declared in persona.yaml's `topics` (the order listings show them in). */
export type Topic = string;

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
  /** One of persona.yaml's topic ids (checked across files). */
  topic: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'),
  facts: z.array(FactSchema).min(1, 'a knowledge file needs at least one fact'),
});

/** Words that mean the same thing to the matcher. The first word is the canonical one. */
export const SynonymsFileSchema = z.strictObject({
  synonyms: z.array(z.array(text(60)).min(2, 'a synonym group needs at least two words')),
});

const word = z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters');
const words = z.array(word);
const bilingual = (max: number) => z.strictObject({ en: text(max), es: text(max) });
const pattern = z.string().refine(
  (p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a valid regular expression' },
);

/** The languages the engine answers in; each has a file lang/<code>.yaml. */
export const LANGS = ['en', 'es'] as const;
export type Lang = (typeof LANGS)[number];

/** The roles a question word can declare (lang/*.yaml `focus`): what kind of answer it asks for. */
export const FOCUS_ROLES = ['date', 'place', 'quantity', 'person', 'opinion', 'members'] as const;
export type FocusRole = (typeof FOCUS_ROLES)[number];

export const SMALL_TALK_KINDS = ['greeting', 'thanks', 'bye', 'identity', 'help'] as const;
export type SmallTalkKind = (typeof SMALL_TALK_KINDS)[number];

/** lang/<code>.yaml: what the engine knows about one language, whatever the knowledge base is about. */
export const LanguageFileSchema = z.strictObject({
  language: z.enum(LANGS),
  /** Words that tell this language apart from the others (language detection). */
  markers: words,
  /** Words that carry no meaning for matching. */
  stopwords: words,
  /** Words that only say a question is being asked. */
  questionWords: words,
  /** Words a sentence asking something starts with ("is", "does", "tell"): how a long message's questions are found. */
  questionStarts: words,
  /**
   * Words opening a yes/no question ("is", "does", "¿está?"): one asking only whether an organization
   * is so ("is <org> one of them?") asks it of the home entity.
   */
  yesNoStarts: words.default([]),
  /** Words joining two questions in one sentence ("and", "also"): where a message is split into its questions. */
  conjunctions: words,
  /** Phrases that turn a sentence into a follow-up of the previous question ("what about", "and"). */
  followUps: words,
  /**
   * Words pointing back at something said before ("it", "that", "them"): a follow-up holding one is
   * read in the conversation's context first, and on its own only when that context answers nothing.
   */
  references: words.default([]),
  /**
   * Chat shorthand and the words it stands for ("q": "que", "bc": "because"): a message is read with
   * each shorthand word written out.
   */
  shorthand: z.record(word, word).default({}),
  /** Everyday verbs that carry little meaning of their own: they weigh less. */
  lightWords: words,
  focus: z.strictObject(Object.fromEntries(FOCUS_ROLES.map((r) => [r, words])) as Record<FocusRole, typeof words>),
  /**
   * Questions asking what something is for though every word of them is a stopword ("what does X
   * do?"): a message matching one of `patterns` (regular expressions over the normalized message)
   * reads as if it also held `word`, which the knowledge base's synonyms may map to its own token.
   */
  purpose: z.strictObject({ word, patterns: z.array(pattern) }).optional(),
  smalltalk: z.strictObject({
    greeting: words,
    thanks: words,
    bye: words,
    identity: z.array(pattern),
    help: z.array(pattern),
  }),
});

/**
 * A one-word name's meaning in one language: the entity's first name, and the words after which the
 * name keeps its usual meaning (an article that only goes with the other entity).
 */
const renaming = z.strictObject({ entity: text(100), notAfter: words.default([]) });

/** entities.yaml: the places (countries, cities) and organizations, the home entity, and domain words marking a language. */
export const EntitiesFileSchema = z
  .strictObject({
    home: word,
    places: z.array(z.array(text(100)).min(1, 'an entity needs a name')),
    organizations: z.array(z.array(text(100)).min(1, 'an entity needs a name')),
    markers: z.strictObject({ en: words, es: words }).default({ en: [], es: [] }),
    /**
     * One-word names that mean another entity in one language than in the others (an abbreviation
     * whose letters stand for one name in Spanish and another in English).
     */
    namesIn: z
      .strictObject({ en: z.record(word, renaming), es: z.record(word, renaming) })
      .partial()
      .default({}),
  })
  .refine((e) => e.places.some((names) => names[0] === e.home) || e.organizations.some((n) => n[0] === e.home), {
    message: 'must be the first name of one of the places or organizations',
    path: ['home'],
  })
  .refine(
    (e) =>
      Object.values(e.namesIn).every((names) =>
        Object.values(names ?? {}).every((r) =>
          [...e.places, ...e.organizations].some((n) => n[0] === r.entity),
        ),
      ),
    { message: 'each name must point at the first name of one of the places or organizations', path: ['namesIn'] },
  );

const bilingualText = bilingual(1000);

/** persona.yaml: what the bot says on its own, its topics, and its featured command. */
export const PersonaFileSchema = z.strictObject({
  name: bilingual(100),
  subject: bilingual(100),
  messages: z.strictObject({
    empty: bilingualText,
    notSure: bilingualText,
    /** `{names}` is replaced by the entities the question named. */
    foreign: bilingualText,
    /** Said for each part of a message the bot cannot answer when it answers others; `{part}` is that part. */
    partDeclined: bilingualText,
    /** `{count}` is replaced by the number of facts. */
    consoleIntro: bilingualText,
    helpIntro: bilingualText,
    askDescription: bilingual(100),
    askExample: bilingual(100),
    topicsDescription: bilingual(100),
  }),
  smalltalk: z.strictObject(
    Object.fromEntries(SMALL_TALK_KINDS.map((k) => [k, bilingualText])) as Record<SmallTalkKind, typeof bilingualText>,
  ),
  topics: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'),
        en: text(LIMITS.buttonLabel),
        es: text(LIMITS.buttonLabel),
      }),
    )
    .min(1, 'needs at least one topic'),
  /** Words nearly every question to this bot holds ("member", "join"): the question report ignores them. */
  commonWords: words.default([]),
  /** The fact /sources shows. */
  sourceFact: z.string().min(1),
  featured: z.strictObject({
    name: z.strictObject({
      en: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be a Discord command name (lower case, at most 32)'),
      es: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be a Discord command name (lower case, at most 32)'),
    }),
    description: bilingual(100),
    facts: z.array(z.string()).min(1, 'needs at least one fact id'),
  }),
});

export type LanguageData = z.infer<typeof LanguageFileSchema>;
export type EntitiesData = z.infer<typeof EntitiesFileSchema>;
export type Persona = z.infer<typeof PersonaFileSchema>;

export type Source = z.infer<typeof SourceSchema>;
export type FactInput = z.infer<typeof FactSchema>;
export type Fact = FactInput & { topic: Topic; file: string };
export interface KnowledgeBase {
  facts: Fact[];
  synonyms: string[][];
  entities: EntitiesData;
  persona: Persona;
  languages: Record<Lang, LanguageData>;
  /** Phrasings moderators taught (src/knowledge/learned.ts), already checked; none from the files. */
  learned?: readonly { phrasing: string; factId: string; lang: 'en' | 'es'; guildId?: string | null }[];
}

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
