// Files on disk -> one validated KnowledgeBase. Reads every *.yaml under the folder (and lang/*.yaml),
// checks each against its schema, then the cross-file rules; any problem throws a KnowledgeError that
// names the file, the fact and the field, and nothing is half-loaded.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import type { z } from 'zod';
import {
  EntitiesFileSchema,
  KnowledgeFileSchema,
  LanguageFileSchema,
  LANGS,
  PersonaFileSchema,
  SynonymsFileSchema,
  type EntitiesData,
  type Fact,
  type KnowledgeBase,
  type Lang,
  type LanguageData,
  type Persona,
} from './schema.js';
import { crossCheck } from './validate.js';

export const SYNONYMS_FILE = 'synonyms.yaml';
export const ENTITIES_FILE = 'entities.yaml';
export const PERSONA_FILE = 'persona.yaml';
/** The folder, inside the knowledge folder, holding one file per language. */
export const LANG_DIR = 'lang';
const langFile = (lang: Lang) => `${LANG_DIR}/${lang}.yaml`;

export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(readonly problems: string[]) {
    super(`The knowledge base is not valid:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

/** Describes a zod issue path inside a knowledge file, naming the fact by its id where it has one. */
function where(file: string, data: unknown, path: PropertyKey[]): string {
  const parts = [file];
  if (path[0] === 'facts' && typeof path[1] === 'number') {
    const facts = (data as { facts?: { id?: unknown }[] }).facts;
    const id = facts?.[path[1]]?.id;
    parts.push(typeof id === 'string' ? `fact "${id}"` : `fact #${path[1] + 1}`);
    path = path.slice(2);
  }
  if (path.length) parts.push(`field "${path.join('.')}"`);
  return parts.join(', ');
}

function readYaml(dir: string, file: string, problems: string[]): unknown {
  try {
    return load(readFileSync(join(dir, file), 'utf8'));
  } catch (err) {
    problems.push(`${file}: cannot be read as YAML: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

const isYaml = (f: string) => f.endsWith('.yaml') || f.endsWith('.yml');

/** The knowledge files of a folder, sorted: every *.yaml and *.yml, and lang/*.yaml. Throws when the folder cannot be read. */
export function knowledgeFiles(dir: string): string[] {
  const top = readdirSync(dir).filter(isYaml);
  const langDir = join(dir, LANG_DIR);
  const langs = existsSync(langDir) ? readdirSync(langDir).filter(isYaml).map((f) => `${LANG_DIR}/${f}`) : [];
  return [...top, ...langs].sort();
}

/** Parses one file against its schema, adding each issue as a problem; undefined when invalid. */
function parseFile<T extends z.ZodType>(file: string, data: unknown, schema: T, problems: string[]): z.infer<T> | undefined {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) problems.push(`${where(file, data, issue.path)}: ${issue.message}`);
  return undefined;
}

export function loadKnowledge(dir: string): KnowledgeBase {
  const problems: string[] = [];
  let files: string[];
  try {
    files = knowledgeFiles(dir);
  } catch {
    throw new KnowledgeError([`${dir}: the knowledge folder cannot be read`]);
  }
  const facts: Fact[] = [];
  let synonyms: string[][] = [];
  let entities: EntitiesData | undefined;
  let persona: Persona | undefined;
  const languages: Partial<Record<Lang, LanguageData>> = {};
  for (const file of files) {
    const data = readYaml(dir, file, problems);
    if (data === undefined) continue;
    if (file === SYNONYMS_FILE) synonyms = parseFile(file, data, SynonymsFileSchema, problems)?.synonyms ?? [];
    else if (file === ENTITIES_FILE) entities = parseFile(file, data, EntitiesFileSchema, problems);
    else if (file === PERSONA_FILE) persona = parseFile(file, data, PersonaFileSchema, problems);
    else if (file.startsWith(`${LANG_DIR}/`)) {
      const language = parseFile(file, data, LanguageFileSchema, problems);
      if (!language) continue;
      if (file !== langFile(language.language))
        problems.push(`${file}, field "language": "${language.language}" belongs in ${langFile(language.language)}`);
      else languages[language.language] = language;
    } else {
      const parsed = parseFile(file, data, KnowledgeFileSchema, problems);
      if (!parsed) continue;
      for (const fact of parsed.facts) facts.push({ ...fact, topic: parsed.topic, file });
    }
  }
  if (!problems.length && !facts.length) problems.push(`${dir}: no knowledge files (*.yaml) found`);
  const present = new Set(files);
  for (const required of [ENTITIES_FILE, PERSONA_FILE, ...LANGS.map(langFile)])
    if (!present.has(required)) problems.push(`${required}: missing (the knowledge folder needs it)`);
  if (!problems.length && persona) problems.push(...crossCheck(facts, persona));
  if (problems.length || !persona || !entities) throw new KnowledgeError(problems);
  // Listings follow persona.yaml's topic order, then file order within a topic.
  const topicIds = persona.topics.map((t) => t.id);
  const order = (f: Fact) => topicIds.indexOf(f.topic);
  facts.sort((a, b) => order(a) - order(b));
  return { facts, synonyms, entities, persona, languages: languages as Record<Lang, LanguageData> };
}
