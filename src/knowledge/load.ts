// Files on disk -> one validated KnowledgeBase. Reads every *.yaml under the folder, checks each
// against the schema, then the cross-file rules; any problem throws a KnowledgeError that names the
// file, the fact and the field, and nothing is half-loaded.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { KnowledgeFileSchema, SynonymsFileSchema, TOPICS, type Fact, type KnowledgeBase } from './schema.js';
import { crossCheck } from './validate.js';

export const SYNONYMS_FILE = 'synonyms.yaml';

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

/** The knowledge files of a folder, sorted: every *.yaml and *.yml. Throws when the folder cannot be read. */
export const knowledgeFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();

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
  for (const file of files) {
    const data = readYaml(dir, file, problems);
    if (data === undefined) continue;
    const schema = file === SYNONYMS_FILE ? SynonymsFileSchema : KnowledgeFileSchema;
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${where(file, data, issue.path)}: ${issue.message}`);
      continue;
    }
    if ('synonyms' in parsed.data) synonyms = parsed.data.synonyms;
    else {
      const { topic } = parsed.data;
      for (const fact of parsed.data.facts) facts.push({ ...fact, topic, file });
    }
  }
  if (!problems.length && !facts.length) problems.push(`${dir}: no knowledge files (*.yaml) found`);
  if (!problems.length) problems.push(...crossCheck(facts));
  if (problems.length) throw new KnowledgeError(problems);
  // Listings follow the topic order (security first), then file order within a topic.
  const order = (f: Fact) => TOPICS.indexOf(f.topic);
  facts.sort((a, b) => order(a) - order(b));
  return { facts, synonyms };
}
