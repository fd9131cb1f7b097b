// `npm run validate`: checks every knowledge file as start-up would, and says what is wrong where;
// then checks every answer against the source article (src/knowledge/fidelity.ts).
// Usage: npm run validate [-- KNOWLEDGE_DIR] [--article PATH]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_ARTICLE_PATH, readArticle } from '../src/knowledge/article.js';
import { checkFidelity, readFidelityWords } from '../src/knowledge/fidelity.js';
import { loadKnowledge, KnowledgeError } from '../src/knowledge/load.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { article: { type: 'string', default: DEFAULT_ARTICLE_PATH } },
});
const dir = positionals[0] ?? 'knowledge';
try {
  const kb = loadKnowledge(dir);
  const files = new Set(kb.facts.map((f) => f.file));
  console.log(
    `${dir}: ${kb.facts.length} facts in ${files.size} files, ${kb.synonyms.length} synonym groups: valid.`,
  );
  if (!existsSync(values.article)) {
    const msg = `The source article is not at ${values.article}, so the answers were not checked against it (--article PATH).`;
    // CI always has the article: there a missing file is a failure, never a skipped check.
    if (process.env.CI) throw new KnowledgeError([msg]);
    console.warn(msg);
  } else {
    const problems = checkFidelity(kb.facts, readArticle(values.article), readFidelityWords(dir));
    if (problems.length) throw new KnowledgeError(problems.map((p) => `fidelity: ${p}`));
    console.log(`${dir}: every answer says only what its cited section of the article says.`);
  }
} catch (err) {
  if (!(err instanceof KnowledgeError)) throw err;
  console.error(err.message);
  process.exit(1);
}
