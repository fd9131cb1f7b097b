// The start-up snapshot: a brain built from a knowledge folder is saved to a cache file, and the next
// start restores it from there instead of parsing, validating and indexing the YAML again, as long as
// the knowledge files and the engine's code are byte-identical. The cache is an optimisation only:
// whatever goes wrong with it is logged and the brain is built the slow way.
//
// The key is a sha256 over: every knowledge file loadKnowledge reads (name and bytes), every file
// under src/answer/, src/knowledge/, src/text/ and src/startup/ (the engine, this module included; the whole bundle in dist/ when built), npm's record of the
// installed packages (node_modules/.package-lock.json: Fuse.js, zod, js-yaml versions) and the Node
// version. Any edit to a fact or to the matcher's code therefore rebuilds; nothing is compared by date.
//
// The brain's parts are stored with node:v8 serialize, which keeps Maps, Sets and shared references.
// It drops prototypes, so the encoder records every instance of a known engine class (see
// SNAPSHOT_CLASSES) in a list serialized alongside the parts; as v8 keeps object identity, the
// restored list holds the very objects found deep in the restored parts, and each gets its class's
// prototype back in place. No field is listed anywhere: fields added to these classes are carried
// over as they are. Anything a snapshot cannot carry (a function, an instance of another class, a
// symbol-keyed or non-enumerable field) makes encoding throw, naming where it sits.
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { Analyzer, DeleteIndex } from '../answer/analyze.js';
import { brainFromParts, buildBrainParts, type BrainParts } from '../answer/brain.js';
import { Matcher } from '../answer/match.js';
import { PhraseTable } from '../answer/normalize.js';
import type { Brain } from '../answer/types.js';
import type { Logger } from '../log.js';
import { LearnedChecker, type LearnedPhrasing } from '../answer/learned.js';
import { knowledgeFiles, loadKnowledge } from '../knowledge/load.js';

/** The engine's classes a snapshot may hold. A class holding only data (no functions) can be added here. */
export const SNAPSHOT_CLASSES: readonly (abstract new (...args: never[]) => object)[] = [
  Matcher,
  Analyzer,
  DeleteIndex,
  PhraseTable,
];

export const SNAPSHOT_FILE = 'knowledge.snapshot';
/** Changes whenever the file layout below changes (the key covers this module's code anyway). */
const MAGIC = Buffer.from('MXKBSNP1');
const HASH_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 2 * HASH_BYTES;

// Where this module's code is: src/startup/ under tsx, or a file of the bundle in dist/ (npm run
// build). The engine's code is then src/answer/, src/knowledge/, src/text/ and src/startup/, or the
// whole bundle.
const HERE = dirname(fileURLToPath(import.meta.url));
const BUNDLED = basename(HERE) !== 'startup';
const ROOT = `${resolve(HERE, BUNDLED ? '..' : '../..')}${sep}`;
const ENGINE_DIRS = BUNDLED
  ? [HERE]
  : ['../answer', '../knowledge', '../text', '.'].map((d) => resolve(HERE, d));
const INSTALLED_PACKAGES = join(ROOT, 'node_modules', '.package-lock.json');

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** The engine's source files that go into the key, absolute paths, sorted. */
export function engineFiles(): string[] {
  // A build writes dist/.built last, with the time of the build: a new build is a new key, without
  // hashing megabytes of bundle at every start.
  const stamp = join(HERE, '.built');
  if (BUNDLED && existsSync(stamp)) return [stamp];
  return ENGINE_DIRS.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)),
  )
    .filter((f) => statSync(f).isFile())
    .sort();
}

/** sha256 of the knowledge files, the engine's code, the installed packages and the Node version (hex). */
export function snapshotKey(dir: string): string {
  const hash = createHash('sha256');
  const add = (label: string, bytes: Buffer | string) => {
    // Lengths as well as names, so that no two different inputs hash the same stream.
    hash.update(`${label}\0${bytes.length}\0`).update(bytes);
  };
  add('node', `${process.version} ${process.arch}`);
  for (const file of knowledgeFiles(dir)) add(`knowledge:${file}`, readFileSync(join(dir, file)));
  for (const file of engineFiles()) add(`engine:${file.slice(ROOT.length)}`, readFileSync(file));
  let installed: Buffer | string = '';
  try {
    installed = readFileSync(INSTALLED_PACKAGES);
  } catch {
    // Not installed by npm: the key then covers our code but not the packages' versions.
  }
  add('packages', installed);
  return hash.digest('hex');
}

const classNameOf = (value: object) =>
  Object.getPrototypeOf(value)?.constructor?.name ?? 'a null-prototype object';

/** How a value is reached from the object holding it (see collectInstances). */
const enum Step {
  Root,
  Field,
  Index,
  MapKey,
  MapValue,
  SetElement,
}

function spellStep(step: Step, via: unknown): string {
  switch (step) {
    case Step.Root:
      return 'brain';
    case Step.Field:
      return `.${String(via)}`;
    case Step.Index:
      return `[${String(via)}]`;
    case Step.MapKey:
      return ' (a key)';
    case Step.MapValue:
      return `.get(${JSON.stringify(via) ?? String(via)})`;
    case Step.SetElement:
      return ' (an element)';
  }
}

/**
 * Every instance of a SNAPSHOT_CLASSES class in the graph, once each; throws on what v8 would lose.
 * It looks at every value of the index, so it allocates nothing per value: where an object sits is
 * kept as its parent's number and one step, spelled out only for an error message.
 */
function collectInstances(root: object): object[] {
  const known = new Set<unknown>(SNAPSHOT_CLASSES.map((c) => c.prototype));
  const instances: object[] = [];
  const seen = new Set<object>();
  const objects: object[] = [];
  const parents: number[] = [];
  const steps: Step[] = [];
  const vias: unknown[] = [];
  let at = -1;
  /** Throws naming the object being walked, or the value reached from it by `step` and `via`. */
  const fail = (problem: string, step?: Step, via?: unknown): never => {
    const path = step === undefined ? [] : [spellStep(step, via)];
    for (let i = at; i >= 0; i = parents[i]!) path.push(spellStep(steps[i]!, vias[i]));
    throw new SnapshotError(`${path.reverse().join('')} ${problem}`);
  };
  const visit = (value: unknown, step: Step, via: unknown) => {
    const type = typeof value;
    if (type === 'object') {
      if (value === null || seen.has(value as object)) return;
      seen.add(value as object);
      objects.push(value as object);
      parents.push(at);
      steps.push(step);
      vias.push(via);
    } else if (type === 'function' || type === 'symbol')
      fail(`is a ${type}, which a snapshot cannot store`, step, via);
  };
  const visitEntry = (value: unknown, key: unknown) => {
    visit(key, Step.MapKey, undefined);
    visit(value, Step.MapValue, key);
  };
  const visitElement = (value: unknown) => visit(value, Step.SetElement, undefined);
  visit(root, Step.Root, undefined);
  for (at = 0; at < objects.length; at++) {
    const value = objects[at]!;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Array.prototype) {
      const array = value as unknown[];
      for (let i = 0; i < array.length; i++) visit(array[i], Step.Index, i);
    } else if (proto === Map.prototype) (value as Map<unknown, unknown>).forEach(visitEntry);
    else if (proto === Set.prototype) (value as Set<unknown>).forEach(visitElement);
    else if (proto === Object.prototype || known.has(proto)) {
      if (proto !== Object.prototype) instances.push(value);
      const fields = Object.keys(value);
      if (
        Object.getOwnPropertyNames(value).length !== fields.length ||
        Object.getOwnPropertySymbols(value).length
      )
        fail('has a non-enumerable or symbol-keyed field, which a snapshot would lose');
      for (const k of fields) visit((value as Record<string, unknown>)[k], Step.Field, k);
    } else if (!(
      ArrayBuffer.isView(value) ||
      value instanceof ArrayBuffer ||
      value instanceof Date ||
      value instanceof RegExp
    ))
      fail(
        `is an instance of ${classNameOf(value)}, which a snapshot cannot restore: ` +
          'add its class to SNAPSHOT_CLASSES in src/startup/snapshot.ts if it holds only data, ' +
          'or keep it out of the parts a brain is built from',
      );
  }
  return instances;
}

interface Payload {
  parts: BrainParts;
  /** Class names, one per entry of `instances`. */
  classes: string[];
  /** The class instances found in `parts`: the same objects, as v8 keeps identity. */
  instances: object[];
}

/** The snapshot file's bytes: magic, key, sha256 of the payload, payload. Throws a SnapshotError. */
export function encodeSnapshot(parts: BrainParts, key: string): Buffer {
  const instances = collectInstances(parts);
  const classes = instances.map((i) => classNameOf(i));
  const payload = serialize({ parts, classes, instances } satisfies Payload);
  return Buffer.concat([MAGIC, Buffer.from(key, 'hex'), sha256(payload), payload]);
}

/** The parts stored under this key, or undefined when the file was made for other knowledge or code. Throws on a damaged file. */
export function decodeSnapshot(file: Buffer, key: string): BrainParts | undefined {
  if (file.length < HEADER_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC))
    throw new SnapshotError('not a snapshot file');
  if (!file.subarray(MAGIC.length, MAGIC.length + HASH_BYTES).equals(Buffer.from(key, 'hex')))
    return undefined;
  const payload = file.subarray(HEADER_BYTES);
  if (!sha256(payload).equals(file.subarray(MAGIC.length + HASH_BYTES, HEADER_BYTES)))
    throw new SnapshotError('the snapshot is damaged (checksum mismatch)');
  const { parts, classes, instances } = deserialize(payload) as Payload;
  const byName = new Map(SNAPSHOT_CLASSES.map((c) => [c.name, c]));
  instances.forEach((instance, i) => {
    const cls = byName.get(classes[i]!);
    if (!cls) throw new SnapshotError(`the snapshot holds an unknown class ${classes[i]}`);
    // In place, so that every reference to this object (v8 kept them shared) sees the class.
    Object.setPrototypeOf(instance, cls.prototype);
  });
  if (!(parts.matcher instanceof Matcher)) throw new SnapshotError('the snapshot holds no matcher');
  return parts;
}

/** Saves the snapshot atomically (temporary file, then rename), replacing the previous one. Throws. */
export function writeSnapshot(cacheDir: string, key: string, parts: BrainParts): void {
  const bytes = encodeSnapshot(parts, key);
  mkdirSync(cacheDir, { recursive: true });
  const file = join(cacheDir, SNAPSHOT_FILE);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  // A process killed mid-write leaves its temporary file behind; one a minute old is nobody's.
  for (const name of readdirSync(cacheDir)) {
    if (!name.startsWith(`${SNAPSHOT_FILE}.`) || !name.endsWith('.tmp')) continue;
    const path = join(cacheDir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > 60_000) rmSync(path, { force: true });
  }
}

export interface SnapshotOptions {
  /** Where the snapshot lives; no snapshot is read or written without one. */
  cacheDir?: string | undefined;
  logger?: Logger | undefined;
  /** Phrasings moderators taught (src/teach/), merged into their facts' alternates; part of the key. */
  learned?: readonly LearnedPhrasing[] | undefined;
}

export interface LoadedBrain {
  brain: Brain;
  /** Where the brain came from: the snapshot, or the knowledge files (loaded, validated and indexed). */
  from: 'snapshot' | 'files';
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The snapshot key for a folder plus the learned phrasings merged into it (none: the folder's key). */
function keyWith(dir: string, learned: readonly LearnedPhrasing[]): string {
  const key = snapshotKey(dir);
  if (!learned.length) return key;
  return createHash('sha256').update(key).update('\0learned\0').update(JSON.stringify(learned)).digest('hex');
}

function restore(
  dir: string,
  cacheDir: string,
  logger: Logger | undefined,
  learned: readonly LearnedPhrasing[],
): { key?: string; brain?: Brain } {
  let key: string;
  try {
    key = keyWith(dir, learned);
  } catch (err) {
    // The folder cannot be read: loading it says why, with the usual KnowledgeError.
    logger?.debug({ error: messageOf(err) }, 'Knowledge snapshot: cannot compute the key');
    return {};
  }
  const file = join(cacheDir, SNAPSHOT_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    // Saving a new one follows, and warns if the folder is the problem.
    logger?.debug({ file, error: messageOf(err) }, 'Knowledge snapshot: none to read');
    return { key };
  }
  try {
    const parts = decodeSnapshot(bytes, key);
    if (!parts) {
      logger?.debug(
        { file },
        'Knowledge snapshot is for other knowledge or code; loading the knowledge files',
      );
      return { key };
    }
    return { key, brain: brainFromParts(parts) };
  } catch (err) {
    logger?.warn(
      { file, error: messageOf(err) },
      'Knowledge snapshot is damaged; loading the knowledge files',
    );
    return { key };
  }
}

/**
 * The brain for a knowledge folder: restored from the snapshot in `cacheDir` when it was made from
 * these very files and this code, otherwise loaded and indexed from the files (throwing the usual
 * KnowledgeError when they are invalid) and then saved as the new snapshot. The cache never stops
 * start-up: a missing, damaged or unwritable one is logged and the files are used.
 */
export function loadBrain(
  dir: string,
  { cacheDir, logger, learned = [] }: SnapshotOptions = {},
): LoadedBrain {
  const started = performance.now();
  const restored = cacheDir ? restore(dir, cacheDir, logger, learned) : {};
  if (restored.brain) {
    logger?.debug({ ms: Math.round(performance.now() - started) }, 'Knowledge restored from the snapshot');
    return { brain: restored.brain, from: 'snapshot' };
  }
  let kb = loadKnowledge(dir);
  if (learned.length) {
    const merged = new LearnedChecker(kb).merge(learned);
    // A phrasing taught before the knowledge files changed may clash with them now: it is left out
    // (and said so) rather than stopping start-up; `npm run teach -- --list` shows it.
    for (const s of merged.skipped)
      logger?.warn({ phrasing: s.phrasing, reason: s.reason }, 'Learned phrasing not applied');
    kb = merged.kb;
  }
  const parts = buildBrainParts(kb);
  const brain = brainFromParts(parts);
  if (cacheDir && restored.key) {
    try {
      // A file edited while it was being loaded would otherwise be saved under the previous key.
      if (keyWith(dir, learned) === restored.key) writeSnapshot(cacheDir, restored.key, parts);
    } catch (err) {
      logger?.warn(
        { cacheDir, error: messageOf(err) },
        'Knowledge snapshot cannot be saved (KNOWLEDGE_CACHE_DIR names a writable folder; KNOWLEDGE_CACHE=off stops trying); the next start loads the files again',
      );
    }
  }
  return { brain, from: 'files' };
}
