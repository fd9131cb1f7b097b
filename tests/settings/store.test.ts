// The settings store on a real SQLite file, as two shard processes see it: two connections to one file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, openGuildSettings, type SqliteGuildSettings } from '../../src/settings/store.js';

const A = '1200000000000000000';
const B = '1200000000004194304';
const defaults = defaultSettings({
  ANSWER_CHANNEL_IDS: ['1300000000000000001'],
  FEEDBACK_CHANNEL_ID: '1300000000000000002',
});
const open: SqliteGuildSettings[] = [];
const folders: string[] = [];

function twoShards() {
  const folder = mkdtempSync(join(tmpdir(), 'settings-store-'));
  folders.push(folder);
  const path = join(folder, 'bot.db');
  const shard0 = openGuildSettings(path, defaults);
  const shard1 = openGuildSettings(path, defaults);
  open.push(shard0, shard1);
  return { shard0, shard1 };
}

afterEach(() => {
  for (const s of open.splice(0)) s.close();
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

describe('per-server settings', () => {
  it('a change through one shard is what another shard reads next, with no message between them', () => {
    const { shard0, shard1 } = twoShards();
    expect(shard1.for(A).channelConfidence).toBe(0.75);
    shard0.update(A, { channelConfidence: 0.9, staffChannelId: '1300000000000000009' });
    expect(shard1.for(A).channelConfidence).toBe(0.9);
    expect(shard1.staffChannelFor(A)).toBe('1300000000000000009');
  });

  it("keeps each server's settings to itself, and falls back to the environment's defaults", () => {
    const { shard0 } = twoShards();
    shard0.update(A, { answerChannelIds: ['1300000000000000005'], lang: 'es' });
    expect(shard0.for(B)).toEqual(defaults);
    expect(shard0.staffChannelFor(B)).toBe('1300000000000000002');
    expect(shard0.staffChannelFor(null)).toBe('1300000000000000002');
    expect(shard0.for(A).answerChannelIds).toEqual(['1300000000000000005']);
    expect([...shard0.changed(A)].sort()).toEqual(['answerChannelIds', 'lang']);
  });

  it('a setting set back to null is the default again, and a server with nothing set has no row', () => {
    const { shard0 } = twoShards();
    shard0.update(A, { lang: 'es' });
    shard0.update(A, { lang: null });
    expect(shard0.changed(A).size).toBe(0);
    expect(shard0.forget(A)).toBe(false); // nothing left to delete
  });
});

describe('when the database cannot be read', () => {
  it('answers with the defaults and reports the error, instead of throwing into the message handler', () => {
    const { shard0 } = twoShards();
    shard0.update(A, { lang: 'es' });
    const errors: unknown[] = [];
    shard0.onReadError = (err) => errors.push(err);
    // The file is gone from under the bot in the worst way: its connection is closed.
    shard0.close();
    expect(shard0.for(A)).toEqual(defaults);
    expect(shard0.for(B)).toEqual(defaults);
    expect(errors).toHaveLength(1); // once a minute, not once a message
  });
});
