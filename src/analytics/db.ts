// Owns the question log's SQLite file: opening it (folder created, WAL, busy timeout) and bringing
// its schema up to date. The schema version lives in `PRAGMA user_version`; each step below moves
// it up by exactly one, inside a transaction, so a crash mid-upgrade leaves the previous version.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Ordered schema steps: MIGRATIONS[i] takes a database from version i to version i + 1.
 * Never edit a step that has shipped; append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // v1: one row per question asked. Times are milliseconds since the epoch (UTC). AUTOINCREMENT so
  // that an id is never reused after a purge: Discord buttons carry the id of the question they vote on.
  `CREATE TABLE questions (
     id          INTEGER PRIMARY KEY AUTOINCREMENT,
     asked_at    INTEGER NOT NULL,
     source      TEXT    NOT NULL CHECK (source IN ('discord', 'terminal')),
     guild_id    TEXT,
     channel_id  TEXT,
     user_hash   TEXT,
     question    TEXT    NOT NULL,
     lang        TEXT    NOT NULL,
     tier        TEXT    NOT NULL,
     fact_id     TEXT,
     confidence  REAL    NOT NULL,
     answered    INTEGER NOT NULL CHECK (answered IN (0, 1)),
     latency_ms  REAL    NOT NULL
   );
   CREATE INDEX questions_asked_at ON questions (asked_at);`,
  // v2: one vote per (question, user), changeable; removed with its question.
  `CREATE TABLE votes (
     question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
     user_hash   TEXT    NOT NULL,
     value       INTEGER NOT NULL CHECK (value IN (-1, 1)),
     voted_at    INTEGER NOT NULL,
     PRIMARY KEY (question_id, user_hash)
   ) WITHOUT ROWID;
   CREATE INDEX votes_user_hash ON votes (user_hash);
   CREATE INDEX questions_fact_id ON questions (fact_id) WHERE fact_id IS NOT NULL;
   CREATE INDEX questions_user_hash ON questions (user_hash) WHERE user_hash IS NOT NULL;`,
  // v3: per-server settings (/settings), one row per server that changed something. NULL in a column
  // means "the bot-wide default" (the environment variables), so a default changed later still applies.
  `CREATE TABLE guild_settings (
     guild_id            TEXT    PRIMARY KEY NOT NULL,
     answer_channel_ids  TEXT    CHECK (answer_channel_ids IS NULL OR json_valid(answer_channel_ids)),
     staff_channel_id    TEXT,
     lang                TEXT    CHECK (lang IN ('en', 'es')),
     answer_in_threads   INTEGER CHECK (answer_in_threads IN (0, 1)),
     channel_confidence  REAL    CHECK (channel_confidence BETWEEN 0 AND 1),
     updated_at          INTEGER NOT NULL
   ) WITHOUT ROWID;`,
  // v4: teaching (src/teach/). learned_phrasings holds the phrasings moderators taught, one owner
  // fact each (phrasing_key is the normalized text); teach_log keeps every change with who made it,
  // and its highest id tells other processes (shards, the CLI) that the phrasings changed;
  // teach_suggestions is one row per group of unanswered questions posted to a staff channel.
  // None of these hold question askers' ids; actor is the moderator who acted.
  `CREATE TABLE learned_phrasings (
     phrasing_key TEXT    PRIMARY KEY,
     phrasing     TEXT    NOT NULL,
     fact_id      TEXT    NOT NULL,
     lang         TEXT    NOT NULL CHECK (lang IN ('en', 'es')),
     taught_at    INTEGER NOT NULL,
     taught_by    TEXT    NOT NULL,
     guild_id     TEXT,
     via          TEXT    NOT NULL
   );
   CREATE TABLE teach_log (
     id           INTEGER PRIMARY KEY AUTOINCREMENT,
     at           INTEGER NOT NULL,
     action       TEXT    NOT NULL CHECK (action IN ('teach', 'undo', 'dismiss')),
     phrasing     TEXT    NOT NULL,
     fact_id      TEXT,
     actor        TEXT    NOT NULL,
     guild_id     TEXT,
     via          TEXT    NOT NULL
   );
   CREATE TABLE teach_suggestions (
     id           INTEGER PRIMARY KEY AUTOINCREMENT,
     created_at   INTEGER NOT NULL,
     guild_id     TEXT,
     channel_id   TEXT    NOT NULL,
     message_id   TEXT,
     group_keys   TEXT    NOT NULL,
     questions    TEXT    NOT NULL,
     candidates   TEXT    NOT NULL,
     status       TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taught', 'none', 'unanswerable')),
     decided_at   INTEGER,
     decided_by   TEXT,
     fact_id      TEXT
   );
   CREATE INDEX teach_suggestions_channel ON teach_suggestions (channel_id, created_at);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
  constructor(
    readonly path: string,
    readonly found: number,
  ) {
    super(
      `The question log ${path} has schema version ${found}, newer than this bot knows (${SCHEMA_VERSION}). ` +
        'It was written by a newer version of the bot; upgrade the bot or point DATABASE_PATH elsewhere.',
    );
  }
}

export interface OpenOptions {
  /** How long a write waits for another connection's lock. The call is synchronous and blocks the
   * event loop meanwhile, so keep it short in the bot. Readers never block the writer in WAL mode. */
  busyTimeoutMs?: number;
  /** Fail instead of creating the file (the report script). */
  mustExist?: boolean;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every step above the file's version (up to `upTo`), each in its own IMMEDIATE transaction.
 * The version is read again inside each transaction, so two processes opening an old file at the
 * same time (the bot and `npm run report`) do not both apply a step. Returns the steps applied.
 */
export function migrate(db: Db, path = db.name, upTo = SCHEMA_VERSION): number {
  const step = db.transaction((): boolean => {
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) throw new SchemaTooNewError(path, version);
    if (version >= upTo) return false;
    db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  let applied = 0;
  while (step.immediate()) applied++;
  return applied;
}

/** Fails unless the file can be written now: rewrites the schema version with the value it has. */
export function assertWritable(db: Db): void {
  db.pragma(`user_version = ${schemaVersion(db)}`);
}

/** Opens (creating folder and file unless mustExist) and migrates the question log. Throws on failure. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (!options.mustExist && path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    // Questions are what people typed: owner-only, like the key. SQLite gives -wal and -shm the same mode.
    if (!existsSync(path)) writeFileSync(path, '', { mode: 0o600, flag: 'a' });
  }
  const db = new Database(path, { fileMustExist: options.mustExist ?? false });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 500))}`);
    // Before anything writes to it (switching to WAL does): a newer bot's file is left as it is.
    const found = schemaVersion(db);
    if (found > SCHEMA_VERSION) throw new SchemaTooNewError(path, found);
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL never corrupts the file and loses nothing when the process dies; only a
    // power cut can lose the last few commits. That trade is right for analytics.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
