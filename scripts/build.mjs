// npm run build: compiles src/ to dist/ with tsc (tsconfig.build.json, source maps on), then writes
// dist/.built so later runs can tell whether the build is up to date. Plain Node on purpose: it runs
// before `npm start` (prestart) and on `npm install` (prepare), where nothing else is compiled yet.
//   node scripts/build.mjs              always compile
//   node scripts/build.mjs --if-stale   compile only when a file under src/ or a tsconfig is newer
//                                       than the last build, or dist/ is missing
//   --if-available                      when TypeScript is not installed (npm ci --omit=dev), say so
//                                       and succeed if dist/ exists
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built');
const args = new Set(process.argv.slice(2));

function newestInput() {
  let newest = 0;
  const visit = (path) => {
    const s = statSync(path);
    if (s.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, s.mtimeMs);
  };
  visit(join(root, 'src'));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) visit(join(root, f));
  return newest;
}

function upToDate() {
  return (
    existsSync(stamp) &&
    existsSync(join(root, 'dist', 'index.js')) &&
    statSync(stamp).mtimeMs >= newestInput()
  );
}

if (args.has('--if-stale') && upToDate()) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  if (args.has('--if-available') || existsSync(join(root, 'dist', 'index.js'))) {
    if (!existsSync(join(root, 'dist', 'index.js')))
      console.error('TypeScript is not installed (production install): skipping the build of dist/.');
    process.exit(0);
  }
  console.error(
    'dist/ is missing and TypeScript is not installed, so the bot cannot be built: run `npm install` (with dev dependencies) and `npm run build`.',
  );
  process.exit(1);
}

const started = Date.now();
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) {
  console.error(
    'The build failed (tsc errors above): fix them, or run `npm run typecheck` to see them again.',
  );
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.error(`Built dist/ in ${Date.now() - started} ms.`);
