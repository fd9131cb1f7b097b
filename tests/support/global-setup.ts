// Runs once before every test file: the knowledge snapshot of every bot and CLI the tests start goes to
// a temporary folder, never to the project's node_modules/.cache. Child processes inherit it (see
// spawn.ts); tests that exercise the snapshot itself use folders of their own. The same goes for the
// database `npm run ask` reads learned phrasings from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-cache-'));
  process.env.KNOWLEDGE_CACHE_DIR = dir;
  // `npm run ask` reads learned phrasings from DATABASE_PATH: never the project's data/ in tests.
  process.env.DATABASE_PATH = join(dir, 'questions.db');
  return () => rmSync(dir, { recursive: true, force: true });
}
