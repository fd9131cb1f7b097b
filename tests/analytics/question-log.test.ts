import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/analytics/db.js';
import { hashUserId, keyFilePath } from '../../src/analytics/hash.js';
import {
  SqliteQuestionLog,
  entryFromAnswer,
  openQuestionLog,
  scheduleDailyPurge,
} from '../../src/analytics/question-log.js';
import type { Answer } from '../../src/answer/types.js';
import { config, entry, memoryLogger, tempFolder } from './helpers.js';

const DAY = 86_400_000;
const USER = '333333333333333333';
const OTHER = '444444444444444444';

function rows(path: string, sql: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('the question log', () => {
  it('stores each question with its outcome and an HMAC of the user id, never the raw id', () => {
    const path = join(tempFolder(), 'data', 'questions.db');
    const { logger } = memoryLogger();
    const log = openQuestionLog(config(path, { ANALYTICS_HASH_KEY: 'a-test-key-of-16+chars' }), logger, {
      now: () => 1_700_000_000_000,
    });
    expect(log.record(entry())).toBe(1);
    expect(
      log.record(
        entry({
          question: 'is mexico in brics',
          factId: null,
          answered: false,
          tier: 'declined',
          confidence: 0.2,
        }),
      ),
    ).toBe(2);
    log.close();

    expect(rows(path, 'SELECT * FROM questions ORDER BY id')).toEqual([
      {
        id: 1,
        asked_at: 1_700_000_000_000,
        source: 'discord',
        guild_id: '111111111111111111',
        channel_id: '222222222222222222',
        user_hash: hashUserId('a-test-key-of-16+chars', USER),
        question: 'is mexico in nato',
        lang: 'en',
        tier: 'exact',
        fact_id: 'nato-membership',
        confidence: 1,
        answered: 1,
        latency_ms: 1.5,
      },
      expect.objectContaining({ id: 2, fact_id: null, answered: 0, tier: 'declined', confidence: 0.2 }),
    ]);
    // A configured key means no key file; and the raw id is nowhere in the files.
    expect(existsSync(keyFilePath(path))).toBe(false);
    for (const file of readdirSync(join(path, '..'))) {
      expect(readFileSync(join(path, '..', file)).includes(USER), file).toBe(false);
    }
  });

  it('generates a hash key once, next to the database, readable by the owner only', () => {
    const path = join(tempFolder(), 'questions.db');
    const { logger } = memoryLogger();
    const first = openQuestionLog(config(path), logger);
    first.record(entry());
    first.close();
    const keyFile = keyFilePath(path);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const second = openQuestionLog(config(path), logger);
    second.record(entry());
    second.close();
    const hashes = rows(path, 'SELECT DISTINCT user_hash FROM questions');
    expect(hashes).toEqual([{ user_hash: hashUserId(readFileSync(keyFile, 'utf8').trim(), USER) }]);
  });

  it('builds the entry from an Answer and the transport context', () => {
    const answer = {
      question: '¿México está en la OTAN?',
      answered: true,
      text: '…',
      confidence: 0.9,
      factId: 'nato-membership',
      factIds: ['nato-membership'],
      topic: 'security',
      lang: 'es',
      sources: [],
      related: [],
      suggestions: [],
      truncated: false,
      explain: { tier: 'fuzzy', tokens: [], best: null, reason: null },
    } satisfies Answer;
    expect(entryFromAnswer(answer, { source: 'terminal', latencyMs: 3 })).toEqual({
      source: 'terminal',
      latencyMs: 3,
      question: '¿México está en la OTAN?',
      lang: 'es',
      tier: 'fuzzy',
      factId: 'nato-membership',
      confidence: 0.9,
      answered: true,
    });
  });

  it('keeps one vote per user and question, which the user can change; a repeated click changes nothing', () => {
    const path = join(tempFolder(), 'questions.db');
    const log = openQuestionLog(config(path), memoryLogger().logger);
    const id = log.record(entry())!;
    expect(log.vote(id, USER, 1)).toEqual({ changed: true });
    expect(log.vote(id, USER, 1)).toEqual({ changed: false });
    expect(log.vote(id, USER, -1)).toEqual({ changed: true });
    expect(log.vote(id, OTHER, -1)).toEqual({ changed: true });
    // A vote on a question that is not in the log (purged, or never recorded) is ignored.
    expect(log.vote(9999, USER, -1)).toEqual({ changed: false });
    log.close();
    expect(rows(path, 'SELECT question_id, value FROM votes ORDER BY value, user_hash')).toEqual([
      { question_id: id, value: -1 },
      { question_id: id, value: -1 },
    ]);
  });

  it('purges questions and their votes past the retention period, at open and on demand', () => {
    const path = join(tempFolder(), 'questions.db');
    let now = Date.UTC(2025, 0, 31);
    const { logger } = memoryLogger();
    const log = openQuestionLog(config(path), logger, { now: () => now });
    const old = log.record(entry({ at: now - 40 * DAY }))!;
    const recent = log.record(entry({ at: now - 10 * DAY }))!;
    log.vote(old, USER, -1);
    log.vote(recent, USER, -1);
    expect(log.purgeOlderThan(30)).toBe(1);
    expect(rows(path, 'SELECT id FROM questions')).toEqual([{ id: recent }]);
    expect(rows(path, 'SELECT question_id FROM votes')).toEqual([{ question_id: recent }]);
    // A new id after a purge never reuses an old one: votes carry the id.
    expect(log.record(entry())).toBe(recent + 1);
    log.close();

    now += 85 * DAY;
    const reopened = openQuestionLog(config(path, { LOG_RETENTION_DAYS: 90 }), logger, { now: () => now });
    reopened.close();
    expect(rows(path, 'SELECT id FROM questions')).toEqual([{ id: recent + 1 }]);
  });

  it("forgets one user: their questions and votes go, other people's stay", () => {
    const path = join(tempFolder(), 'questions.db');
    const log = openQuestionLog(config(path), memoryLogger().logger);
    const mine = log.record(entry({ userId: USER }))!;
    const theirs = log.record(entry({ userId: OTHER }))!;
    log.vote(mine, OTHER, 1);
    log.vote(theirs, USER, -1);
    log.vote(theirs, OTHER, 1);
    expect(log.forgetUser(USER)).toEqual({ questions: 1, votes: 1 });
    log.close();
    expect(rows(path, 'SELECT id FROM questions')).toEqual([{ id: theirs }]);
    expect(rows(path, 'SELECT question_id, value FROM votes')).toEqual([{ question_id: theirs, value: 1 }]);
  });

  it('with ANALYTICS=off stores nothing and creates no file or folder', () => {
    const folder = join(tempFolder(), 'data');
    const path = join(folder, 'questions.db');
    const log = openQuestionLog(config(path, { ANALYTICS: false }), memoryLogger().logger);
    expect(log.enabled).toBe(false);
    expect(log.record(entry())).toBeNull();
    expect(log.vote(1, USER, 1)).toEqual({ changed: false });
    expect(log.purgeOlderThan(1)).toBe(0);
    log.close();
    expect(existsSync(folder)).toBe(false);
  });

  it('answers without logging when the database cannot be opened at all', () => {
    const folder = tempFolder();
    writeFileSync(join(folder, 'not-a-folder'), '');
    const { logger, errors } = memoryLogger();
    const log = openQuestionLog(config(join(folder, 'not-a-folder', 'questions.db')), logger);
    expect(log.enabled).toBe(false);
    expect(log.record(entry())).toBeNull();
    expect(errors()).toHaveLength(1);
  });
});

describe('the question log when writes fail', () => {
  it('returns null and logs when another connection holds the write lock, and recovers when it is released', () => {
    const path = join(tempFolder(), 'questions.db');
    const { logger, errors } = memoryLogger();
    const log = openQuestionLog(config(path), logger, { busyTimeoutMs: 20 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');

    expect(log.record(entry())).toBeNull();
    expect(log.vote(1, USER, 1)).toEqual({ changed: false });
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toMatchObject({ operation: 'record', msg: expect.stringMatching(/write failed/) });
    expect(JSON.stringify(errors()[0])).toMatch(/SQLITE_BUSY|locked/);

    other.exec('ROLLBACK');
    other.close();
    expect(log.record(entry())).toBe(1);
    log.close();
  });

  it('returns null and logs when the file is read-only', () => {
    const path = join(tempFolder(), 'questions.db');
    openDatabase(path).close();
    // Opened read-only by SQLite itself: chmod would not stop a test running as root.
    const db = new Database(path, { readonly: true });
    const { logger, errors } = memoryLogger();
    const log = new SqliteQuestionLog(db, 'a-test-key-of-16+chars', logger);
    expect(log.record(entry())).toBeNull();
    expect(log.purgeOlderThan(1)).toBe(0);
    expect(log.forgetUser(USER)).toEqual({ questions: 0, votes: 0 });
    expect(JSON.stringify(errors()[0])).toMatch(/SQLITE_READONLY|readonly/);
    log.close();
  });

  it('returns null when the disk is full, and logs once a minute rather than once a question', () => {
    const path = join(tempFolder(), 'questions.db');
    const db = openDatabase(path);
    const { logger, errors } = memoryLogger();
    const log = new SqliteQuestionLog(db, 'a-test-key-of-16+chars', logger);
    // The file may not grow past its current size: SQLite reports "database or disk is full".
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const results = Array.from({ length: 200 }, () => log.record(entry({ question: 'x'.repeat(500) })));
    expect(results).toContain(null);
    expect(errors()).toHaveLength(1);
    expect(JSON.stringify(errors()[0])).toMatch(/SQLITE_FULL|full/);
    log.close();
  });

  it('does not throw after it has been closed', () => {
    const path = join(tempFolder(), 'questions.db');
    const log = openQuestionLog(config(path), memoryLogger().logger);
    log.close();
    log.close();
    expect(log.record(entry())).toBeNull();
    expect(log.vote(1, USER, 1)).toEqual({ changed: false });
  });
});

describe('the daily purge', () => {
  afterEach(() => void vi.useRealTimers());

  it('deletes expired rows once a day while the bot runs', () => {
    vi.useFakeTimers();
    const path = join(tempFolder(), 'questions.db');
    let now = Date.UTC(2025, 0, 1);
    const log = openQuestionLog(config(path, { LOG_RETENTION_DAYS: 30 }), memoryLogger().logger, {
      now: () => now,
    });
    log.record(entry({ at: now - 29 * DAY }));
    const stop = scheduleDailyPurge(log, 30);

    now += 2 * DAY;
    vi.advanceTimersByTime(DAY - 1);
    expect(rows(path, 'SELECT count(*) AS n FROM questions')).toEqual([{ n: 1 }]);
    vi.advanceTimersByTime(1);
    expect(rows(path, 'SELECT count(*) AS n FROM questions')).toEqual([{ n: 0 }]);
    stop();
    log.close();
  });

  it('refuses a negative or missing retention instead of deleting everything', () => {
    const path = join(tempFolder(), 'questions.db');
    const { logger, errors } = memoryLogger();
    const log = openQuestionLog(config(path), logger);
    log.record(entry());
    expect(log.purgeOlderThan(-1)).toBe(0);
    expect(log.purgeOlderThan(Number.NaN)).toBe(0);
    expect(errors()).toHaveLength(1);
    log.close();
    expect(rows(path, 'SELECT count(*) AS n FROM questions')).toEqual([{ n: 1 }]);
  });
});
