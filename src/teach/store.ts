// Where taught knowledge lives: the learned phrasings, the log of every change with who made it, and
// the suggestions posted to staff channels, in the question log's SQLite file (tables of migration
// v3 in src/analytics/db.ts). Every change appends to teach_log, so the highest log id is a version
// number other processes (shards, a running bot after `npm run teach`) poll to notice a change.
import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../analytics/db.js';
import type { Lang } from '../answer/types.js';
import type { LearnedPhrasing } from '../answer/learned.js';

/** How a change was made: the command line, `/teach`, or a staff channel suggestion. */
export type Via = 'cli' | 'command' | 'suggestion';

export interface LearnedRow extends LearnedPhrasing {
  key: string;
  taughtAt: number;
  /** Who taught it: "discord:<user id> (<name>)" or "cli:<name>". */
  taughtBy: string;
  guildId: string | null;
  via: Via;
}

export interface TeachLogRow {
  id: number;
  at: number;
  action: 'teach' | 'undo' | 'dismiss';
  phrasing: string;
  factId: string | null;
  actor: string;
  guildId: string | null;
  via: Via;
}

export type SuggestionStatus = 'open' | 'taught' | 'none' | 'unanswerable';

export interface SuggestionRow {
  id: number;
  createdAt: number;
  guildId: string | null;
  channelId: string;
  messageId: string | null;
  groupKeys: string[];
  questions: string[];
  candidates: string[];
  status: SuggestionStatus;
  decidedBy: string | null;
  factId: string | null;
}

type RawSuggestion = Omit<SuggestionRow, 'groupKeys' | 'questions' | 'candidates'> & {
  groupKeys: string;
  questions: string;
  candidates: string;
};

const parseList = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
};

export class TeachStore {
  constructor(
    readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Opens (creating unless mustExist) and migrates the file; throws when it cannot. A write waits
   * `busyTimeoutMs` for another connection's lock, blocking meanwhile: short in the bot, longer in
   * the command line.
   */
  static open(
    path: string,
    {
      mustExist = false,
      now,
      busyTimeoutMs = 500,
    }: { mustExist?: boolean; now?: () => number; busyTimeoutMs?: number } = {},
  ) {
    return new TeachStore(openDatabase(path, { mustExist, busyTimeoutMs }), now);
  }

  /** The store of an existing file, or null when there is none yet (nothing was ever taught or logged). */
  static openIfExists(path: string): TeachStore | null {
    if (path !== ':memory:' && !existsSync(path)) return null;
    return TeachStore.open(path, { mustExist: path !== ':memory:' });
  }

  list(): LearnedRow[] {
    return this.db
      .prepare<[], LearnedRow>(
        `SELECT phrasing_key AS key, phrasing, fact_id AS factId, lang, taught_at AS taughtAt,
                taught_by AS taughtBy, guild_id AS guildId, via
         FROM learned_phrasings ORDER BY taught_at, rowid`,
      )
      .all();
  }

  /** The phrasings to merge into the knowledge, in the order they were taught. */
  learned(): LearnedPhrasing[] {
    return this.list().map(({ phrasing, factId, lang, guildId }) => ({ phrasing, factId, lang, guildId }));
  }

  get(key: string): LearnedRow | undefined {
    return this.list().find((r) => r.key === key);
  }

  /** The version of the learned phrasings: it grows with every change. */
  version(): number {
    return (
      this.db
        .prepare<[], number>("SELECT coalesce(max(id), 0) FROM teach_log WHERE action IN ('teach', 'undo')")
        .pluck()
        .get() ?? 0
    );
  }

  add(row: {
    key: string;
    phrasing: string;
    factId: string;
    lang: Lang;
    actor: string;
    guildId: string | null;
    via: Via;
  }): void {
    const at = this.now();
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO learned_phrasings (phrasing_key, phrasing, fact_id, lang, taught_at, taught_by, guild_id, via)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(row.key, row.phrasing, row.factId, row.lang, at, row.actor, row.guildId, row.via);
        this.log('teach', row.phrasing, row.factId, row.actor, row.guildId, row.via, at);
      })
      .immediate();
  }

  /** Removes one learned phrasing; returns it, or undefined when it was not learned. */
  remove(key: string, actor: string, guildId: string | null, via: Via): LearnedRow | undefined {
    return this.db
      .transaction(() => {
        const row = this.get(key);
        if (!row) return undefined;
        this.db.prepare('DELETE FROM learned_phrasings WHERE phrasing_key = ?').run(key);
        this.log('undo', row.phrasing, row.factId, actor, guildId, via, this.now());
        return row;
      })
      .immediate();
  }

  /** The last phrasing this person taught that is still learned (for `/teach undo` without a question). */
  lastTaughtBy(actor: string): LearnedRow | undefined {
    // "discord:<id> (<name>)": the id decides, so a new user name still finds one's own phrasings.
    const idOf = (who: string) => who.replace(/ \(.*\)$/, '');
    return this.list()
      .filter((r) => idOf(r.taughtBy) === idOf(actor))
      .at(-1);
  }

  history(limit = 50): TeachLogRow[] {
    return this.db
      .prepare<[number], TeachLogRow>(
        `SELECT id, at, action, phrasing, fact_id AS factId, actor, guild_id AS guildId, via
         FROM teach_log ORDER BY id DESC LIMIT ?`,
      )
      .all(limit);
  }

  private log(
    action: TeachLogRow['action'],
    phrasing: string,
    factId: string | null,
    actor: string,
    guildId: string | null,
    via: Via,
    at: number,
  ): void {
    this.db
      .prepare(
        'INSERT INTO teach_log (at, action, phrasing, fact_id, actor, guild_id, via) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(at, action, phrasing, factId, actor, guildId, via);
  }

  // Suggestions ------------------------------------------------------------------------------------

  /** Every question key ever suggested (whatever became of it), so a group is posted once. */
  suggestedKeys(): Set<string> {
    const rows = this.db.prepare<[], string>('SELECT group_keys FROM teach_suggestions').pluck().all();
    return new Set(rows.flatMap(parseList));
  }

  /** How many suggestions were posted to a channel since a time. */
  postedSince(channelId: string, since: number): number {
    return (
      this.db
        .prepare<[string, number], number>(
          'SELECT count(*) FROM teach_suggestions WHERE channel_id = ? AND created_at >= ?',
        )
        .pluck()
        .get(channelId, since) ?? 0
    );
  }

  createSuggestion(s: {
    guildId: string | null;
    channelId: string;
    groupKeys: string[];
    questions: string[];
    candidates: string[];
  }): number {
    const result = this.db
      .prepare(
        `INSERT INTO teach_suggestions (created_at, guild_id, channel_id, group_keys, questions, candidates)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.now(),
        s.guildId,
        s.channelId,
        JSON.stringify(s.groupKeys),
        JSON.stringify(s.questions),
        JSON.stringify(s.candidates),
      );
    return Number(result.lastInsertRowid);
  }

  setSuggestionMessage(id: number, messageId: string): void {
    this.db.prepare('UPDATE teach_suggestions SET message_id = ? WHERE id = ?').run(messageId, id);
  }

  /** Forgets a suggestion that could not be posted, so the next round may try again. */
  dropSuggestion(id: number): void {
    this.db.prepare('DELETE FROM teach_suggestions WHERE id = ?').run(id);
  }

  suggestion(id: number): SuggestionRow | undefined {
    const row = this.db
      .prepare<[number], RawSuggestion>(
        `SELECT id, created_at AS createdAt, guild_id AS guildId, channel_id AS channelId,
                message_id AS messageId, group_keys AS groupKeys, questions, candidates, status,
                decided_by AS decidedBy, fact_id AS factId
         FROM teach_suggestions WHERE id = ?`,
      )
      .get(id);
    if (!row) return undefined;
    return {
      ...row,
      groupKeys: parseList(row.groupKeys),
      questions: parseList(row.questions),
      candidates: parseList(row.candidates),
    };
  }

  /** Records a moderator's decision on an open suggestion; false when it was already decided. */
  decide(
    id: number,
    status: Exclude<SuggestionStatus, 'open'>,
    actor: string,
    factId: string | null,
  ): boolean {
    const changed = this.db
      .prepare(
        `UPDATE teach_suggestions SET status = ?, decided_at = ?, decided_by = ?, fact_id = ?
         WHERE id = ? AND status = 'open'`,
      )
      .run(status, this.now(), actor, factId, id).changes;
    if (changed && status !== 'taught') {
      const s = this.suggestion(id);
      this.log(
        'dismiss',
        s?.questions[0] ?? `suggestion ${id}`,
        null,
        actor,
        s?.guildId ?? null,
        'suggestion',
        this.now(),
      );
    }
    return changed > 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
