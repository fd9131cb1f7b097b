// Rules that span facts and files: unique ids, unique phrasings, related ids that exist, topics and
// fact ids named by persona.yaml that exist.
import { normalize } from '../text/fold.js';
import type { Fact, Persona } from './schema.js';

export function crossCheck(facts: Fact[], persona: Persona): string[] {
  const problems: string[] = [];
  const topics = new Set(persona.topics.map((t) => t.id));
  const reported = new Set<string>();
  for (const f of facts)
    if (!topics.has(f.topic) && !reported.has(f.file)) {
      reported.add(f.file);
      problems.push(`${f.file}, field "topic": "${f.topic}" is not one of persona.yaml's topics`);
    }
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
  const known = new Set(facts.map((f) => f.id));
  persona.featured.facts.forEach((id, i) => {
    if (!known.has(id)) problems.push(`persona.yaml, field "featured.facts.${i}": no fact has the id "${id}"`);
  });
  if (!known.has(persona.sourceFact))
    problems.push(`persona.yaml, field "sourceFact": no fact has the id "${persona.sourceFact}"`);
  return problems;
}
