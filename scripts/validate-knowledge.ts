// `npm run validate`: checks every knowledge file as start-up would, and says what is wrong where.
import { loadKnowledge, KnowledgeError } from '../src/knowledge/load.js';

const dir = process.argv[2] ?? 'knowledge';
try {
  const kb = loadKnowledge(dir);
  const files = new Set(kb.facts.map((f) => f.file));
  console.log(
    `${dir}: ${kb.facts.length} facts in ${files.size} files, ${kb.synonyms.length} synonym groups: valid.`,
  );
} catch (err) {
  if (!(err instanceof KnowledgeError)) throw err;
  console.error(err.message);
  process.exit(1);
}
