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
  // One bundle per entry point of our own code (shared code in chunks); the packages load from
  // node_modules as usual. Bundling the packages too started ~150 ms sooner, but with source maps on
  // the first stack trace formatted in a bundled package (an idle REST socket closing, seconds after
  // ready) parsed the packages' whole source map: about 30 MB more, held for good.
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
    packages: 'external',
    logLevel: 'warning',
  });
} catch {
  console.error('The build failed (errors above): fix them; `npm run typecheck` shows type errors too.');
  process.exit(1);
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.error(`Built dist/ in ${Date.now() - started} ms.`);
