// The question log the transports write to: one row per question asked, votes on answers, retention.
// Its promise to callers is that it never throws: a full disk, a locked or read-only file is logged
// and the bot keeps answering. With ANALYTICS=off it is a no-op that never touches the disk.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Answer, Lang, Tier } from '../answer/types.js';
import { openDatabase, type Db } from './db.js';
import { hashUserId, loadHashKey } from './hash.js';
import { MAX_QUESTION_LENGTH } from '../answer/types.js';
import type { ReportVocabulary } from './normalize.js';
import { buildReport, type Report, type ReportOptions } from './report.js';

export type QuestionSource = 'discord' | 'terminal';
export type VoteValue = 1 | -1;

export interface QuestionEntry {
  source: QuestionSource;
  guildId?: string | null;
  channelId?: string | null;
  /** The raw Discord user id; only its keyed hash is stored. Null for the terminal. */
  userId?: string | null;
  question: string;
  lang: Lang;
  tier: Tier;
  factId: string | null;
  confidence: number;
  answered: boolean;
  latencyMs: number;
  /** When it was asked, in milliseconds since the epoch; now by default. */
  at?: number;
}

/** What the log holds about one question, for a vote on its answer (no user hash). */
export interface StoredQuestion {
  id: number;
  askedAt: number;
  source: QuestionSource;
  guildId: string | null;
  channelId: string | null;
  question: string;
  lang: Lang;
  tier: Tier;
  factId: string | null;
  answered: boolean;
}

/** Who asked, where, and how long the brain took: what a transport adds to an Answer. */
export interface AskContext {
  source: QuestionSource;
  guildId?: string | null;
  channelId?: string | null;
  userId?: string | null;
  latencyMs: number;
}

export interface QuestionLog {
  /** False for the no-op log (ANALYTICS=off, or the database could not be opened). */
  readonly enabled: boolean;
  /** Stores one question; returns its row id, or null when off or when the write failed (logged). */
  record(entry: QuestionEntry): number | null;
  /** Sets this user's vote on a question (one per user, changeable). changed: the stored vote is new or different. */
  vote(questionId: number, userId: string, value: VoteValue): { changed: boolean };
  /** One stored question by id; null when off, unknown (purged) or unreadable (logged). */
  question(questionId: number): StoredQuestion | null;
  /** The report over the log (see report.ts); null when off or unreadable (logged). */
  report(options: ReportOptions): Report | null;
  /** Deletes questions (and their votes) asked more than `days` days ago; returns how many questions. */
  purgeOlderThan(days: number): number;
  /** Deletes every question and vote of one user. */
  forgetUser(userId: string): { questions: number; votes: number };
  close(): void;
}

export type QuestionLogConfig = Pick<
  Config,
  'ANALYTICS' | 'DATABASE_PATH' | 'ANALYTICS_HASH_KEY' | 'LOG_RETENTION_DAYS'
>;

export interface QuestionLogOptions {
  /** Milliseconds since the epoch; tests move time. */
  now?: () => number;
  busyTimeoutMs?: number;
  /** The knowledge base's words for the report (reportVocabulary); none by default. */
  vocabulary?: ReportVocabulary;
}

const DAY_MS = 86_400_000;
/** At most one error line per interval when every write fails (a full disk), with a count of the rest. */
const ERROR_LOG_INTERVAL_MS = 60_000;

export function entryFromAnswer(answer: Answer, context: AskContext): QuestionEntry {
  return {
    ...context,
    question: answer.question,
    lang: answer.lang,
    tier: answer.explain.tier,
    factId: answer.factId,
    confidence: answer.confidence,
    answered: answer.answered,
  };
}

export const disabledQuestionLog: QuestionLog = Object.freeze({
  enabled: false,
  record: () => null,
  vote: () => ({ changed: false }),
  question: () => null,
  report: () => null,
  purgeOlderThan: () => 0,
  forgetUser: () => ({ questions: 0, votes: 0 }),
  close: () => undefined,
});

export class SqliteQuestionLog implements QuestionLog {
  readonly enabled = true;
  private readonly now: () => number;
  private readonly vocabulary: ReportVocabulary | undefined;
  private readonly insertQuestion;
  private readonly upsertVote;
  private readonly selectQuestion;
  private readonly deleteOlder;
  private readonly deleteOlderSuggestions;
  private readonly deleteUserVotes;
  private readonly deleteUserQuestions;
  private lastErrorAt = -Infinity;
  private suppressed = 0;

  constructor(
    private readonly db: Db,
    private readonly hashKey: string,
    private readonly logger: Logger,
    options: QuestionLogOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.vocabulary = options.vocabulary;
    // Deleted rows are overwritten, not left in free pages: a purge or a forget must really forget.
    db.pragma('secure_delete = ON');
    this.insertQuestion = db.prepare<unknown[], never>(
      `INSERT INTO questions (asked_at, source, guild_id, channel_id, user_hash, question, lang, tier,
                              fact_id, confidence, answered, latency_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The vote counts as changed only when inserted or flipped; a repeated click changes nothing.
    this.upsertVote = db.prepare<unknown[], never>(
      `INSERT INTO votes (question_id, user_hash, value, voted_at)
       SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM questions WHERE id = ?)
       ON CONFLICT (question_id, user_hash) DO UPDATE
         SET value = excluded.value, voted_at = excluded.voted_at
         WHERE votes.value <> excluded.value`,
    );
    this.selectQuestion = db.prepare<[number], Omit<StoredQuestion, 'answered'> & { answered: number }>(
      `SELECT id, asked_at AS askedAt, source, guild_id AS guildId, channel_id AS channelId, question,
              lang, tier, fact_id AS factId, answered
       FROM questions WHERE id = ?`,
    );
    this.deleteOlder = db.prepare<[number], never>('DELETE FROM questions WHERE asked_at < ?');
    // Teaching suggestions copy question texts: they expire with the questions (learned phrasings,
    // which a moderator chose to keep as knowledge, do not).
    this.deleteOlderSuggestions = db.prepare<[number], never>(
      'DELETE FROM teach_suggestions WHERE created_at < ?',
    );
    this.deleteUserVotes = db.prepare<[string], never>('DELETE FROM votes WHERE user_hash = ?');
    this.deleteUserQuestions = db.prepare<[string], never>('DELETE FROM questions WHERE user_hash = ?');
  }

  record(entry: QuestionEntry): number | null {
    try {
      const result = this.insertQuestion.run(
        Math.round(entry.at ?? this.now()),
        entry.source,
        entry.guildId ?? null,
        entry.channelId ?? null,
        entry.userId ? hashUserId(this.hashKey, entry.userId) : null,
        entry.question.slice(0, MAX_QUESTION_LENGTH),
        entry.lang,
        entry.tier,
        entry.factId,
        Number.isFinite(entry.confidence) ? entry.confidence : 0,
        entry.answered ? 1 : 0,
        Number.isFinite(entry.latencyMs) ? Math.max(0, entry.latencyMs) : 0,
      );
      return Number(result.lastInsertRowid);
    } catch (err) {
      this.fail('record', err);
      return null;
    }
  }

  vote(questionId: number, userId: string, value: VoteValue): { changed: boolean } {
    try {
      const hash = hashUserId(this.hashKey, userId);
      const result = this.upsertVote.run(questionId, hash, value, this.now(), questionId);
      return { changed: result.changes > 0 };
    } catch (err) {
      this.fail('vote', err);
      return { changed: false };
    }
  }

  question(questionId: number): StoredQuestion | null {
    try {
      const row = this.selectQuestion.get(questionId);
      return row ? { ...row, answered: row.answered === 1 } : null;
    } catch (err) {
      this.fail('read', err);
      return null;
    }
  }

  report(options: ReportOptions): Report | null {
    try {
      return buildReport(this.db, { now: this.now(), vocabulary: this.vocabulary, ...options });
    } catch (err) {
      this.fail('report', err);
      return null;
    }
  }

  purgeOlderThan(days: number): number {
    try {
      if (!Number.isFinite(days) || days < 0)
        throw new RangeError(`retention must be 0 days or more, not ${days}`);
      const cutoff = this.now() - days * DAY_MS;
      const deleted = this.deleteOlder.run(cutoff).changes;
      const suggestions = this.deleteOlderSuggestions.run(cutoff).changes;
      // Move the deleted pages out of the WAL file too, so old rows do not linger there.
      if (deleted + suggestions > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
      return deleted;
    } catch (err) {
      this.fail('purge', err);
      return 0;
    }
  }

  forgetUser(userId: string): { questions: number; votes: number } {
    try {
      const hash = hashUserId(this.hashKey, userId);
      const counts = this.db.transaction(() => ({
        votes: this.deleteUserVotes.run(hash).changes,
        questions: this.deleteUserQuestions.run(hash).changes,
      }))();
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      return counts;
    } catch (err) {
      this.fail('forget', err);
      return { questions: 0, votes: 0 };
    }
  }

  close(): void {
    try {
      if (this.db.open) this.db.close();
    } catch (err) {
      this.fail('close', err);
    }
  }

  private fail(operation: string, err: unknown): void {
    const at = Date.now();
    if (at - this.lastErrorAt < ERROR_LOG_INTERVAL_MS) {
      this.suppressed++;
      return;
    }
    this.logger.error(
      { err, operation, path: this.db.name, suppressedSinceLast: this.suppressed },
      operation === 'read' || operation === 'report'
        ? 'Question log read failed'
        : 'Question log write failed; the question was answered but not logged',
    );
    this.lastErrorAt = at;
    this.suppressed = 0;
  }
}

/**
 * The log the bot writes to: a no-op when ANALYTICS is off (no file is created). Otherwise opens and
 * migrates DATABASE_PATH and purges rows past LOG_RETENTION_DAYS; if that fails, logs why and returns
 * the no-op log, because analytics must never stop the bot from answering.
 */
export function openQuestionLog(
  config: QuestionLogConfig,
  logger: Logger,
  options: QuestionLogOptions = {},
): QuestionLog {
  if (!config.ANALYTICS) {
    logger.info('Question log is off (ANALYTICS=off): nothing is stored');
    return disabledQuestionLog;
  }
  const path = config.DATABASE_PATH;
  let db: Db | undefined;
  try {
    db = openDatabase(path, { busyTimeoutMs: options.busyTimeoutMs ?? 500 });
    const key = loadHashKey(path, config.ANALYTICS_HASH_KEY, true);
    const log = new SqliteQuestionLog(db, key, logger, options);
    const purged = log.purgeOlderThan(config.LOG_RETENTION_DAYS);
    logger.info({ path, retentionDays: config.LOG_RETENTION_DAYS, purged }, 'Question log open');
    return log;
  } catch (err) {
    db?.close();
    logger.error({ err, path }, 'Could not open the question log; answering without logging questions');
    return disabledQuestionLog;
  }
}

/** Purges expired rows once a day; returns a function that stops it. The timer never keeps the process alive. */
export function scheduleDailyPurge(log: QuestionLog, retentionDays: number, intervalMs = DAY_MS): () => void {
  const timer = setInterval(() => log.purgeOlderThan(retentionDays), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
