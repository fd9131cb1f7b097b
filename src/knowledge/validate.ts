// Rules that span facts and files: unique ids, unique phrasings, related ids that exist.
import { normalize } from '../answer/normalize.js';
import type { Fact } from './schema.js';

export function crossCheck(facts: Fact[]): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const f of facts) {
    const seen = ids.get(f.id);
    if (seen) problems.push(`${f.file}, fact "${f.id}", field "id": the id is already used in ${seen}`);
    else ids.set(f.id, f.file);
  }
  const phrasings = new Map<string, string>();
  for (const f of facts) {
    const all: [string, string][] = [
      ['question', f.question],
      ...f.alternates.map((a, i): [string, string] => [`alternates.${i}`, a]),
      ['es.question', f.es.question],
      ...f.es.alternates.map((a, i): [string, string] => [`es.alternates.${i}`, a]),
    ];
    for (const [field, text] of all) {
      const key = normalize(text);
      const owner = phrasings.get(key);
      if (owner && owner !== f.id)
        problems.push(`${f.file}, fact "${f.id}", field "${field}": "${text}" is already a phrasing of fact "${owner}"`);
      phrasings.set(key, f.id);
    }
    f.related.forEach((r, i) => {
      if (!ids.has(r)) problems.push(`${f.file}, fact "${f.id}", field "related.${i}": no fact has the id "${r}"`);
      if (r === f.id) problems.push(`${f.file}, fact "${f.id}", field "related.${i}": a fact cannot be related to itself`);
    });
  }
  return problems;
}
