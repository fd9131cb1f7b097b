// The start-up snapshot, as users would notice it: a restored brain answers exactly like one built
// from the files; an edit to the knowledge is always seen; a damaged, missing or unwritable cache
// only costs the slow start; an invalid edit fails as it always did. Every cache folder is temporary.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Fuse from 'fuse.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/answer/analyze.js';
import { buildBrainParts } from '../../src/answer/brain.js';
import { Matcher } from '../../src/answer/match.js';
import type { AskOptions, Brain } from '../../src/answer/types.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/load.js';
import {
  decodeSnapshot,
  encodeSnapshot,
  engineFiles,
  loadBrain,
  SNAPSHOT_FILE,
  SnapshotError,
  snapshotKey,
} from '../../src/startup/snapshot.js';
import { readEvalSet } from '../../src/quality/evaluate.js';
import { memoryLogger } from '../support/bot.js';
import { brain as fresh, kb } from '../support/brain.js';

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the shipped knowledge folder that a test may edit. */
const knowledgeCopy = () => {
  const dir = tempDir('knowledge-');
  cpSync('knowledge', dir, { recursive: true });
  return dir;
};
const edit = (dir: string, file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(join(dir, file), 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(join(dir, file), next);
};
const natoAnswer = (b: Brain) => b.ask('Is Mexico in NATO?').text;
const errorOf = (f: () => unknown): Error => {
  try {
    f();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected it to throw');
};

const questions = readdirSync('tests/eval')
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readEvalSet(join('tests/eval', f)))
  .map((i) => i.q);

describe('the start-up snapshot', () => {
  it('restores a brain that answers every evaluation question exactly like one built from the files', () => {
    const cacheDir = tempDir('cache-');
    expect(loadBrain('knowledge', { cacheDir }).from).toBe('files');
    const restored = loadBrain('knowledge', { cacheDir });
    expect(restored.from).toBe('snapshot');
    expect(questions.length).toBeGreaterThan(800);
    const differ = (options: AskOptions) =>
      questions.filter((q) => !isDeepStrictEqual(restored.brain.ask(q, options), fresh.ask(q, options)));
    expect(differ({})).toEqual([]);
    expect(differ({ locale: 'es-ES' })).toEqual([]);
  });

  it('restores the same autocomplete suggestions, fact answers and listings', () => {
    const cacheDir = tempDir('cache-');
    loadBrain('knowledge', { cacheDir });
    const { brain, from } = loadBrain('knowledge', { cacheDir });
    expect(from).toBe('snapshot');
    const typed = fresh.facts().flatMap((f) => [f.alternates.at(-1)!, f.es.alternates.at(-1) ?? f.es.question]);
    const inputs = ['', 'nato', 'otan', 'is mexico in', 'tmec', 'acuerdo de parís', 'unesco', 'qqqq'];
    for (const input of [...inputs, ...typed.map((t) => t.slice(0, 15))])
      for (const locale of [undefined, 'es-ES']) {
        const suggestions = brain.complete(input, { locale });
        expect(suggestions, `${input} (${locale})`).toEqual(fresh.complete(input, { locale }));
        if (input === 'nato') expect(suggestions.map((s) => s.factId)).toContain('nato-membership');
      }
    for (const f of fresh.facts())
      for (const locale of ['en-US', 'es-ES']) expect(brain.answerFact(f.id, { locale })).toEqual(fresh.answerFact(f.id, { locale }));
    expect(brain.facts()).toEqual(fresh.facts());
    expect(brain.factCount).toBe(fresh.factCount);
  });

  it('rebuilds from the files after a knowledge file is edited, and answers with the edit', () => {
    const dir = knowledgeCopy();
    const cacheDir = tempDir('cache-');
    expect(loadBrain(dir, { cacheDir }).from).toBe('files');
    expect(loadBrain(dir, { cacheDir }).from).toBe('snapshot');
    const before = snapshotKey(dir);
    edit(dir, 'security.yaml', 'Mexico is not a member', 'Mexico is still not a member');
    expect(snapshotKey(dir)).not.toBe(before);
    const rebuilt = loadBrain(dir, { cacheDir });
    expect(rebuilt.from).toBe('files');
    expect(natoAnswer(rebuilt.brain)).toMatch(/^Mexico is still not a member/);
    const next = loadBrain(dir, { cacheDir });
    expect(next.from).toBe('snapshot');
    expect(natoAnswer(next.brain)).toMatch(/^Mexico is still not a member/);
    // Only the newest snapshot is kept.
    expect(readdirSync(cacheDir)).toEqual([SNAPSHOT_FILE]);
  });

  it("keys on every knowledge file's name and bytes and on the engine's code, not on other files", () => {
    const dir = knowledgeCopy();
    const key = snapshotKey(dir);
    expect(snapshotKey(dir)).toBe(key);
    writeFileSync(join(dir, 'notes.txt'), 'an editor backup, not knowledge');
    expect(snapshotKey(dir)).toBe(key);
    cpSync(join(dir, 'culture.yaml'), join(dir, 'culture2.yml'));
    rmSync(join(dir, 'culture.yaml'));
    expect(snapshotKey(dir)).not.toBe(key);
    // The language files and the persona are knowledge too.
    const renamed = snapshotKey(dir);
    writeFileSync(join(dir, 'lang', 'es.yaml'), `${readFileSync(join(dir, 'lang', 'es.yaml'), 'utf8')}\n# edited\n`);
    expect(snapshotKey(dir)).not.toBe(renamed);
    const engine = engineFiles().map((f) => f.split(sep).slice(-3).join('/'));
    for (const file of ['answer/match.ts', 'answer/analyze.ts', 'answer/brain.ts', 'knowledge/load.ts', 'startup/snapshot.ts', 'text/fold.ts'])
      expect(engine).toContain(`src/${file}`);
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
    ['damaged in the middle', (b: Buffer) => Buffer.concat([b.subarray(0, b.length / 2), Buffer.from('garbage'), b.subarray(b.length / 2 + 7)])],
    ['not a snapshot at all', () => Buffer.from('{"hello": "world"}')],
    ['empty', () => Buffer.alloc(0)],
  ])('falls back to the files when the snapshot is %s, still answers, and replaces it', (_name, spoil) => {
    const cacheDir = tempDir('cache-');
    loadBrain('knowledge', { cacheDir });
    const file = join(cacheDir, SNAPSHOT_FILE);
    writeFileSync(file, spoil(readFileSync(file)));
    const { logger, lines } = memoryLogger();
    const loaded = loadBrain('knowledge', { cacheDir, logger });
    expect(loaded.from).toBe('files');
    expect(natoAnswer(loaded.brain)).toBe(natoAnswer(fresh));
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringMatching(/snapshot is damaged/) }));
    expect(loadBrain('knowledge', { cacheDir }).from).toBe('snapshot');
  });

  it('starts from the files when the cache folder cannot be created, and warns', () => {
    const blocker = join(tempDir('cache-'), 'a-file');
    writeFileSync(blocker, '');
    const cacheDir = join(blocker, 'cache'); // a folder inside a file: cannot exist, even for root
    const { logger, lines } = memoryLogger();
    for (let i = 0; i < 2; i++) {
      const loaded = loadBrain('knowledge', { cacheDir, logger });
      expect(loaded.from).toBe('files');
      expect(natoAnswer(loaded.brain)).toBe(natoAnswer(fresh));
    }
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringMatching(/cannot be saved/) }));
  });

  it('fails on an invalid edit with the same KnowledgeError as loading the files, even with an earlier snapshot', () => {
    const dir = knowledgeCopy();
    const cacheDir = tempDir('cache-');
    loadBrain(dir, { cacheDir });
    expect(loadBrain(dir, { cacheDir }).from).toBe('snapshot');
    edit(dir, 'security.yaml', /answer: >-\n\s+Mexico is not a member[^\n]*\n[^\n]*\n/, 'answer: ""\n');
    const expected = errorOf(() => loadKnowledge(dir));
    const got = errorOf(() => loadBrain(dir, { cacheDir }));
    expect(got).toBeInstanceOf(KnowledgeError);
    expect(got.message).toBe(expected.message);
    expect((got as KnowledgeError).problems).toEqual((expected as KnowledgeError).problems);
    expect(got.message).toMatch(/security\.yaml, fact "nato-membership", field "answer"/);
  });

  it('is neither read nor written without a cache folder', () => {
    const dir = knowledgeCopy();
    expect(loadBrain(dir).from).toBe('files');
    expect(loadBrain(dir).from).toBe('files');
    expect(readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && !/\.ya?ml$/.test(e.name))).toEqual([]);
  });
});

describe('what a snapshot can carry', () => {
  const key = snapshotKey('knowledge');

  it("stores the shipped brain's parts: data and the engine's own classes only", () => {
    expect(() => encodeSnapshot(buildBrainParts(kb), key)).not.toThrow();
  });

  it("carries fields added to the engine's classes without being told about them", () => {
    const parts = buildBrainParts(kb);
    Object.assign(parts.matcher, { addedLater: new Map([['nato', new Set(['otan'])]]) });
    Object.assign(parts.matcher.analyzer, { weights: new Float64Array([0.5, 2]) });
    const restored = decodeSnapshot(encodeSnapshot(parts, key), key)!;
    expect(restored.matcher).toBeInstanceOf(Matcher);
    expect(restored.matcher.analyzer).toBeInstanceOf(Analyzer);
    expect((restored.matcher as unknown as { addedLater: unknown }).addedLater).toEqual(new Map([['nato', new Set(['otan'])]]));
    expect((restored.matcher.analyzer as unknown as { weights: unknown }).weights).toEqual(new Float64Array([0.5, 2]));
    const match = restored.matcher.match('is mexcio in nato', 'en');
    expect(match).toMatchObject({ tier: 'exact', factId: 'nato-membership' });
    // The facts the matcher holds are the very objects the index points at, as before the snapshot.
    expect(restored.matcher.fact('nato-membership')).toBe(restored.matcher.facts.find((f) => f.id === 'nato-membership'));
  });

  it('refuses a function, naming the field', () => {
    const parts = buildBrainParts(kb);
    Object.assign(parts.matcher, { scoreHook: () => 1 });
    expect(() => encodeSnapshot(parts, key)).toThrow(SnapshotError);
    expect(() => encodeSnapshot(parts, key)).toThrow(/^brain\.matcher\.scoreHook is a function/);
  });

  it('refuses an instance of a class it does not know, and says how to allow it', () => {
    class Stemmer {
      suffixes = ['s'];
    }
    const parts = buildBrainParts(kb);
    Object.assign(parts.matcher.analyzer, { stemmer: new Stemmer() });
    expect(() => encodeSnapshot(parts, key)).toThrow(
      /^brain\.matcher\.analyzer\.stemmer is an instance of Stemmer, .*SNAPSHOT_CLASSES in src\/startup\/snapshot\.ts/,
    );
    const withFuse = buildBrainParts(kb);
    Object.assign(withFuse.matcher, { fuse: new Fuse(['nato']) });
    expect(() => encodeSnapshot(withFuse, key)).toThrow(/^brain\.matcher\.fuse is an instance of Fuse/);
  });

  it('returns nothing for a snapshot made under another key', () => {
    const bytes = encodeSnapshot(buildBrainParts(kb), key);
    expect(decodeSnapshot(bytes, 'ab'.repeat(32))).toBeUndefined();
  });
});

describe('snapshot settings', () => {
  it('default to node_modules/.cache/<package name>; KNOWLEDGE_CACHE_DIR moves it and KNOWLEDGE_CACHE=off turns it off', () => {
    const { name } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string };
    expect(loadConfig({}).knowledgeCacheDir).toBe(resolve('node_modules', '.cache', name));
    expect(loadConfig({ KNOWLEDGE_CACHE_DIR: 'var/cache' }).knowledgeCacheDir).toBe(resolve('var/cache'));
    expect(loadConfig({ KNOWLEDGE_CACHE: 'off', KNOWLEDGE_CACHE_DIR: 'var/cache' }).knowledgeCacheDir).toBeUndefined();
    expect(() => loadConfig({ KNOWLEDGE_CACHE: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ KNOWLEDGE_CACHE: 'maybe' })).toThrow(/KNOWLEDGE_CACHE: must be 'on' or 'off'/);
  });
});
