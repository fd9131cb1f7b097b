// Live knowledge reloads on a temporary copy of the knowledge folder: a valid edit is answered from
// the new facts; an invalid one keeps the previous knowledge base serving and logs which file, fact
// and field is wrong; the watcher is closed at the end, leaving no handle behind.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLiveKnowledge, type LiveKnowledge } from '../../src/startup/live.js';
import { loadBrain } from '../../src/startup/snapshot.js';
import { memoryLogger } from '../support/bot.js';

let dir: string;
let live: LiveKnowledge | undefined;
let watchersBefore = 0;
const watchers = () => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap').length;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  cpSync('knowledge', dir, { recursive: true });
  watchersBefore = watchers();
});

afterEach(async () => {
  live?.close();
  live = undefined;
  rmSync(dir, { recursive: true, force: true });
  await new Promise((r) => setTimeout(r, 20)); // a closed handle leaves the list on a later tick
  // The test runner may watch files of its own; ours must be gone.
  expect(watchers()).toBe(watchersBefore);
});

const NATO = 'security.yaml';
const edit = (file: string, from: string | RegExp, to: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
};
const until = async (probe: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('live knowledge', () => {
  it('answers from an edited file after it changes on disk', async () => {
    const { logger, lines } = memoryLogger();
    live = openLiveKnowledge(dir, logger, { watch: true, debounceMs: 50 });
    // One handle for the folder, one for its lang/ folder.
    expect(watchers()).toBe(watchersBefore + 2);
    expect(live.brain.ask('is mexico in nato').text).toMatch(/^Mexico is not a member/);
    edit(NATO, 'Mexico is not a member', 'Mexico is still not a member');
    await until(() => live!.brain.generation === 1);
    expect(live.brain.ask('is mexico in nato').text).toMatch(/^Mexico is still not a member/);
    expect(lines.find((l) => l.msg === 'Knowledge reloaded')).toMatchObject({ trigger: 'file change' });
  });

  it('keeps serving the previous knowledge base after an invalid edit, and logs the file, fact and field', async () => {
    const { logger, lines } = memoryLogger();
    live = openLiveKnowledge(dir, logger, { watch: true, debounceMs: 50 });
    const before = live.brain.ask('is mexico in nato').text;
    // An answer must not be empty.
    edit(NATO, /answer: >-\n\s+Mexico is not a member[^\n]*\n[^\n]*\n/, 'answer: ""\n');
    await until(() => lines.some((l) => typeof l.msg === 'string' && l.msg.startsWith('Knowledge reload failed')));
    expect(live.brain.generation).toBe(0);
    expect(live.brain.ask('is mexico in nato').text).toBe(before);
    const failed = lines.find((l) => String(l.msg).startsWith('Knowledge reload failed'))!;
    expect(failed.level).toBe(50);
    expect(String(failed.msg)).toMatch(/security\.yaml, fact "nato-membership", field "answer"/);
  });

  it('reloads an edit through the snapshot, and saving the snapshot does not trigger another reload', async () => {
    const { logger, lines } = memoryLogger();
    // The worst place for the cache: inside the watched folder itself.
    const cacheDir = join(dir, '.cache');
    live = openLiveKnowledge(dir, logger, { watch: true, debounceMs: 50, cacheDir });
    edit(NATO, 'Mexico is not a member', 'Mexico is still not a member');
    await until(() => live!.brain.generation === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(live.brain.generation).toBe(1);
    expect(lines.filter((l) => l.msg === 'Knowledge reloaded')).toHaveLength(1);
    const next = loadBrain(dir, { cacheDir });
    expect(next.from).toBe('snapshot');
    expect(next.brain.ask('is mexico in nato').text).toMatch(/^Mexico is still not a member/);
  });

  it('reloads on request (/reload) and reports the outcome', () => {
    const { logger } = memoryLogger();
    live = openLiveKnowledge(dir, logger);
    const facts = live.brain.factCount;
    expect(live.reload('test')).toMatchObject({ ok: true, facts });
    writeFileSync(join(dir, 'broken.yaml'), 'topic: [not, a, topic\n');
    const result = live.reload('test');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('\n')).toMatch(/broken\.yaml/);
    expect(live.brain.factCount).toBe(facts);
  });
});
