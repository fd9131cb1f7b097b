import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  SCHEMA_VERSION,
  SchemaTooNewError,
  migrate,
  openDatabase,
  schemaVersion,
} from '../../src/analytics/db.js';
import { openQuestionLog } from '../../src/analytics/question-log.js';
import { config, entry, memoryLogger, tempFolder } from './helpers.js';

/** Tables, indexes and their SQL: what must be identical however a file reached the latest version. */
function schemaOf(db: Database.Database): string[] {
  return db
    .prepare<[], { type: string; name: string; sql: string | null }>(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all()
    .map((r) => `${r.type} ${r.name}: ${(r.sql ?? '').replace(/\s+/g, ' ')}`);
}

// Version 1 as it shipped, written out by hand rather than taken from MIGRATIONS, so that editing a
// shipped step in place (instead of adding a new one) fails this test.
const V1_SQL = `
  CREATE TABLE questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, asked_at INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('discord', 'terminal')), guild_id TEXT, channel_id TEXT,
    user_hash TEXT, question TEXT NOT NULL, lang TEXT NOT NULL, tier TEXT NOT NULL, fact_id TEXT,
    confidence REAL NOT NULL, answered INTEGER NOT NULL CHECK (answered IN (0, 1)), latency_ms REAL NOT NULL);
  CREATE INDEX questions_asked_at ON questions (asked_at);
  INSERT INTO questions (asked_at, source, question, lang, tier, fact_id, confidence, answered, latency_ms)
  VALUES (${Date.now()}, 'terminal', 'is mexico in nato', 'en', 'exact', 'nato-membership', 1, 1, 2);
  PRAGMA user_version = 1;`;

describe('question log database', () => {
  it('creates the folder and the file, in WAL mode, at the latest schema version', () => {
    const path = join(tempFolder(), 'nested', 'questions.db');
    const db = openDatabase(path);
    expect(existsSync(path)).toBe(true);
    for (const file of [path, `${path}-wal`]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    expect(schemaOf(db).some((s) => s.startsWith('table votes'))).toBe(true);
    db.close();
  });

  it('upgrades a hand-built version 1 file, keeping its rows, so votes work on old questions', () => {
    const path = join(tempFolder(), 'v1.db');
    const v1 = new Database(path);
    v1.exec(V1_SQL);
    v1.close();

    const { logger, errors } = memoryLogger();
    const log = openQuestionLog(config(path), logger);
    expect(log.enabled).toBe(true);
    expect(log.vote(1, '444444444444444444', -1)).toEqual({ changed: true });
    expect(log.record(entry())).toBe(2);
    log.close();
    expect(errors()).toEqual([]);

    const db = new Database(path, { readonly: true });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT question FROM questions WHERE id = 1').pluck().get()).toBe('is mexico in nato');
    db.close();
  });

  it('brings a file at every earlier version to the same schema as a fresh one', () => {
    const folder = tempFolder();
    const fresh = openDatabase(join(folder, 'fresh.db'));
    const expected = schemaOf(fresh);
    fresh.close();

    for (let version = 0; version < SCHEMA_VERSION; version++) {
      const path = join(folder, `from-v${version}.db`);
      const old = new Database(path);
      migrate(old, path, version);
      expect(schemaVersion(old)).toBe(version);
      old.close();

      const db = openDatabase(path);
      expect(schemaVersion(db), `from version ${version}`).toBe(SCHEMA_VERSION);
      expect(schemaOf(db), `from version ${version}`).toEqual(expected);
      db.close();
    }
  });

  it('applies each step in its own transaction: a failing step leaves the file at the version before it', () => {
    const path = join(tempFolder(), 'half.db');
    const db = new Database(path);
    migrate(db, path, 1);
    // A table the next step wants to create makes that step fail part way.
    db.exec('CREATE TABLE votes (x INTEGER)');
    expect(() => migrate(db, path)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(1);
    expect(
      db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'votes_user_hash'").pluck().get(),
    ).toBe(0);
    db.close();
  });

  it('refuses a file written by a newer bot and leaves it untouched; the bot answers without a log', () => {
    const path = join(tempFolder(), 'future.db');
    const future = new Database(path);
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    const before = readFileSync(path);

    expect(() => openDatabase(path)).toThrow(SchemaTooNewError);
    const { logger, errors } = memoryLogger();
    const log = openQuestionLog(config(path), logger);
    expect(log.enabled).toBe(false);
    expect(log.record(entry())).toBeNull();
    expect(errors()[0]?.msg).toMatch(/Could not open the question log/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('lists its migrations in order, one per version', () => {
    expect(MIGRATIONS.length).toBe(SCHEMA_VERSION);
  });
});
