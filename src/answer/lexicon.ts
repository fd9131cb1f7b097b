// What the engine knows about the languages and the knowledge base's entities, built once from the
// validated data (lang/*.yaml, entities.yaml, persona.yaml) as plain data, so a snapshot stores it as
// it is. The engine itself names no entity and no word of any language: it asks the lexicon.
import { normalize } from '../text/fold.js';
import {
  FOCUS_ROLES,
  LANGS,
  type FocusRole,
  type KnowledgeBase,
  type Lang,
  type Persona,
  type SmallTalkKind,
} from '../knowledge/schema.js';

export interface EntityEntry {
  /** The entity's token: its first name without spaces. */
  canonical: string;
  /** Every name, the first included. */
  variants: string[];
}

export interface Lexicon {
  /** Stopwords of every language: people mix languages, so all apply to every question. */
  stopwords: Set<string>;
  /** Each language's own stopwords: a short entity name that is one of them is not read as the name. */
  stopwordsOf: Record<Lang, Set<string>>;
  questionWords: Set<string>;
  /** Words a sentence that asks something starts with (segment.ts). */
  questionStarts: Set<string>;
  /** Words opening a yes/no question (lang/*.yaml yesNoStarts). */
  yesNoStarts: Set<string>;
  /** Words joining two questions in one sentence (segment.ts). */
  conjunctions: Set<string>;
  /** Phrases opening a follow-up ("what about"), normalized, longest first (followup.ts). */
  followUps: string[];
  lightWords: Set<string>;
  /** Words pointing back at something said before (lang/*.yaml references). */
  references: Set<string>;
  /** Chat shorthand -> what it stands for (lang/*.yaml shorthand), normalized. */
  shorthand: Map<string, string>;
  /** Phrase groups whose token is a focus role ("@date"): [token, ...phrases]. */
  focusGroups: string[][];
  /** The focus roles' tokens. */
  focusTokens: Set<string>;
  markers: Record<Lang, Set<string>>;
  smallTalkWords: Record<'greeting' | 'thanks' | 'bye', Set<string>>;
  /** [kind, regular expression source] over the normalized message. */
  smallTalkPatterns: [SmallTalkKind, string][];
  /** Questions asking what something is for (lang/*.yaml purpose): [regular expression source, word it implies]. */
  purposePatterns: [string, string][];
  entities: EntityEntry[];
  /** The entity every fact is implicitly about: a question need not name it. */
  home: string;
  /** Per language: one-word names that mean another entity there (entities.yaml namesIn). */
  namesIn: Record<Lang, Map<string, { entity: string; notAfter: string[] }>>;
  organizations: Set<string>;
  persona: Persona;
  /** The validated data this lexicon was built from, for other layers (the question report). */
  domain: Domain;
}

export type Domain = Pick<KnowledgeBase, 'entities' | 'persona' | 'languages'>;

export const focusToken = (role: FocusRole): string => `@${role}`;

const entry = (names: string[]): EntityEntry => ({
  canonical: names[0]!.replace(/\s+/g, ''),
  variants: names,
});

const folded = (ws: readonly string[]) => new Set(ws.map(normalize).filter((w) => w));

export function buildLexicon(kb: KnowledgeBase): Lexicon {
  const langs = LANGS.map((l) => kb.languages[l]);
  const all = (pick: (l: (typeof langs)[number]) => string[]) => folded(langs.flatMap(pick));
  const places = kb.entities.places.map(entry);
  const organizations = kb.entities.organizations.map(entry);
  return {
    stopwords: all((l) => l.stopwords),
    stopwordsOf: Object.fromEntries(LANGS.map((l) => [l, folded(kb.languages[l].stopwords)])) as Record<
      Lang,
      Set<string>
    >,
    questionWords: all((l) => l.questionWords),
    questionStarts: all((l) => l.questionStarts),
    yesNoStarts: all((l) => l.yesNoStarts),
    conjunctions: all((l) => l.conjunctions),
    followUps: [...all((l) => l.followUps)].sort((a, b) => b.length - a.length),
    lightWords: all((l) => l.lightWords),
    references: all((l) => l.references),
    shorthand: new Map(
      langs.flatMap((l) => Object.entries(l.shorthand).map(([k, v]): [string, string] => [normalize(k), v])),
    ),
    focusGroups: FOCUS_ROLES.map((r) => [focusToken(r), ...langs.flatMap((l) => l.focus[r])]),
    focusTokens: new Set(FOCUS_ROLES.map(focusToken)),
    markers: Object.fromEntries(
      LANGS.map((l) => [l, folded([...kb.languages[l].markers, ...kb.entities.markers[l]])]),
    ) as Record<Lang, Set<string>>,
    smallTalkWords: {
      greeting: all((l) => l.smalltalk.greeting),
      thanks: all((l) => l.smalltalk.thanks),
      bye: all((l) => l.smalltalk.bye),
    },
    smallTalkPatterns: (['identity', 'help'] as const).flatMap((kind) =>
      langs.flatMap((l) => l.smalltalk[kind].map((p): [SmallTalkKind, string] => [kind, p])),
    ),
    purposePatterns: langs.flatMap((l) =>
      (l.purpose?.patterns ?? []).map((p): [string, string] => [p, normalize(l.purpose!.word)]),
    ),
    entities: [...places, ...organizations],
    home: normalize(kb.entities.home).replace(/ /g, ''),
    namesIn: Object.fromEntries(
      LANGS.map((l) => [
        l,
        new Map(
          Object.entries(kb.entities.namesIn[l] ?? {}).map(([name, { entity, notAfter }]) => [
            normalize(name),
            { entity: entry([entity]).canonical, notAfter: notAfter.map(normalize) },
          ]),
        ),
      ]),
    ) as Lexicon['namesIn'],
    organizations: new Set(organizations.map((e) => e.canonical)),
    persona: kb.persona,
    domain: { entities: kb.entities, persona: kb.persona, languages: kb.languages },
  };
}

const ACRONYM = /^(?:[a-z]{2,5}|[a-z]+\d+)$/;

/** How to write an entity's name in a sentence: an organization's acronym upper-cased, other names title-cased. */
export function displayName(lexicon: Lexicon, canonical: string): string {
  const found = lexicon.entities.find((e) => e.canonical === canonical);
  const name = found?.variants[0] ?? canonical;
  if (lexicon.organizations.has(canonical) && ACRONYM.test(canonical)) return canonical.toUpperCase();
  return name.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** A persona text with its `{placeholders}` filled in. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Writes a message's chat shorthand out (lang/*.yaml shorthand): "por q" -> "por que". */
export function shorthandExpander(lexicon: Lexicon): (text: string) => string {
  if (!lexicon.shorthand.size) return (text) => text;
  const words = [...lexicon.shorthand.keys()].map(escape).join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => text.replace(pattern, (w) => lexicon.shorthand.get(normalize(w)) ?? w);
}

/**
 * Whether a (normalized) sentence opens as a question: with a word that asks ("is", "que") or a
 * two-word opening from the same list ("de que", "in what").
 */
export function opensAsQuestion(lexicon: Lexicon, normalized: string): boolean {
  const [first = '', second = ''] = normalized.split(' ', 2);
  return lexicon.questionStarts.has(first) || lexicon.questionStarts.has(`${first} ${second}`);
}
