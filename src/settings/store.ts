// Per-server settings: what each server's moderators changed with /settings, stored in the bot's SQLite
// database (table guild_settings, migration v3 in src/analytics/db.ts), over the bot-wide defaults
// from the environment. A NULL column means "the default", so changing an environment variable still
// reaches every server that never touched that setting.
//
// Nothing is cached in memory: every read is one primary-key lookup (microseconds), so a change made
// through one shard's process is what every other process reads next, at once and without messages
// between shards, and it survives a restart because it is in the file. Each read and write names one
// guild id, which is how a server never sees another's settings.
import type { Lang } from '../answer/types.js';
import type { Config } from '../config.js';
import { openDatabase, assertWritable, type Db } from '../analytics/db.js';

export interface ServerSettings {
  /** Channels where the bot answers questions nobody asked it, when confident enough. */
  answerChannelIds: readonly string[];
  /** Where 👎 votes are reported; undefined: nowhere. */
  staffChannelId: string | undefined;
  /** The server's language for ties between English and Spanish; undefined: the user's or server's locale. */
  lang: Lang | undefined;
  /** Also answer unasked in threads of the answer channels. */
  answerInThreads: boolean;
  /** The confidence an answer needs before the bot speaks unasked (0.55 to 1). */
  channelConfidence: number;
}

export type SettingName = keyof ServerSettings;

/** What one server changed: a value, or null to go back to the default. Absent: unchanged. */
export type SettingsChange = { [K in SettingName]?: ServerSettings[K] | null };

export interface GuildSettings {
  /** The defaults (environment) and, for a server, what it changed over them. */
  defaults: Readonly<ServerSettings>;
  /** The settings in effect in a server (the defaults outside servers, e.g. in DMs, or when unreadable). */
  for(guildId: string | null | undefined): ServerSettings;
  /** Which settings this server changed (the rest are defaults). */
  changed(guildId: string): Set<SettingName>;
  update(guildId: string, change: SettingsChange): ServerSettings;
  /** Every setting of this server back to the default (deletes its row). */
  forget(guildId: string): boolean;
  /** The staff channel for a server: its own, else FEEDBACK_CHANNEL_ID. */
  staffChannelFor(guildId: string | null | undefined): string | undefined;
  /** Throws unless the database can be written right now (for /readyz). */
  checkWritable(): void;
  close(): void;
}

/** Below the brain's answer threshold nothing is answered at all, so a lower setting would mean nothing. */
export const MIN_CHANNEL_CONFIDENCE = 0.55;
export const DEFAULT_CHANNEL_CONFIDENCE = 0.75;
/** More answer channels than this in one server is a mistake, not a configuration. */
export const MAX_ANSWER_CHANNELS = 25;

export function defaultSettings(
  config: Pick<Config, 'ANSWER_CHANNEL_IDS' | 'FEEDBACK_CHANNEL_ID'>,
): ServerSettings {
  return Object.freeze({
    answerChannelIds: Object.freeze([...config.ANSWER_CHANNEL_IDS]),
    staffChannelId: config.FEEDBACK_CHANNEL_ID,
    lang: undefined,
    answerInThreads: false,
    channelConfidence: DEFAULT_CHANNEL_CONFIDENCE,
  });
}

interface Row {
  answer_channel_ids: string | null;
  staff_channel_id: string | null;
  lang: string | null;
  answer_in_threads: number | null;
  channel_confidence: number | null;
}

const COLUMNS: Record<SettingName, keyof Row> = {
  answerChannelIds: 'answer_channel_ids',
  staffChannelId: 'staff_channel_id',
  lang: 'lang',
  answerInThreads: 'answer_in_threads',
  channelConfidence: 'channel_confidence',
};

function toColumn(name: SettingName, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (name === 'answerChannelIds') return JSON.stringify(value);
  if (name === 'answerInThreads') return value ? 1 : 0;
  return value as string | number;
}

export class SqliteGuildSettings implements GuildSettings {
  readonly defaults: Readonly<ServerSettings>;
  private readonly select;
  private readonly upsert;
  private readonly remove;

  /** Told when a read fails (the defaults are used meanwhile); at most once a minute. */
  onReadError: ((err: unknown) => void) | undefined;
  private lastReadErrorAt = -Infinity;

  constructor(
    private readonly db: Db,
    defaults: ServerSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.defaults = defaults;
    this.select = db.prepare<[string], Row>(
      `SELECT answer_channel_ids, staff_channel_id, lang, answer_in_threads, channel_confidence
       FROM guild_settings WHERE guild_id = ?`,
    );
    this.upsert = db.prepare<Record<string, unknown>, never>(
      `INSERT INTO guild_settings (guild_id, answer_channel_ids, staff_channel_id, lang, answer_in_threads,
                                   channel_confidence, updated_at)
       VALUES (@guild_id, @answer_channel_ids, @staff_channel_id, @lang, @answer_in_threads,
               @channel_confidence, @updated_at)
       ON CONFLICT (guild_id) DO UPDATE SET
         answer_channel_ids = excluded.answer_channel_ids, staff_channel_id = excluded.staff_channel_id,
         lang = excluded.lang, answer_in_threads = excluded.answer_in_threads,
         channel_confidence = excluded.channel_confidence, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare<[string], never>('DELETE FROM guild_settings WHERE guild_id = ?');
  }

  private row(guildId: string): Row | undefined {
    return this.select.get(guildId);
  }

  for(guildId: string | null | undefined): ServerSettings {
    let row: Row | undefined;
    try {
      row = guildId ? this.row(guildId) : undefined;
    } catch (err) {
      // A locked or damaged file must not stop the bot answering: the defaults, and one log line a minute.
      const at = Date.now();
      if (at - this.lastReadErrorAt >= 60_000) {
        this.lastReadErrorAt = at;
        this.onReadError?.(err);
      }
      return this.defaults;
    }
    if (!row) return this.defaults;
    const d = this.defaults;
    return {
      answerChannelIds:
        row.answer_channel_ids === null
          ? d.answerChannelIds
          : (JSON.parse(row.answer_channel_ids) as string[]),
      staffChannelId: row.staff_channel_id ?? d.staffChannelId,
      lang: row.lang === 'en' || row.lang === 'es' ? row.lang : d.lang,
      answerInThreads: row.answer_in_threads === null ? d.answerInThreads : row.answer_in_threads === 1,
      channelConfidence: row.channel_confidence ?? d.channelConfidence,
    };
  }

  changed(guildId: string): Set<SettingName> {
    const row = this.row(guildId);
    const names = Object.keys(COLUMNS) as SettingName[];
    return new Set(row ? names.filter((n) => row[COLUMNS[n]] !== null) : []);
  }

  update(guildId: string, change: SettingsChange): ServerSettings {
    this.db
      .transaction(() => {
        const row: Record<string, unknown> = {
          answer_channel_ids: null,
          staff_channel_id: null,
          lang: null,
          answer_in_threads: null,
          channel_confidence: null,
          ...this.row(guildId),
        };
        for (const [name, value] of Object.entries(change) as [SettingName, unknown][]) {
          if (value !== undefined) row[COLUMNS[name]] = toColumn(name, value);
        }
        if (Object.values(COLUMNS).every((c) => row[c] === null)) this.remove.run(guildId);
        else this.upsert.run({ ...row, guild_id: guildId, updated_at: this.now() });
      })
      .immediate();
    return this.for(guildId);
  }

  forget(guildId: string): boolean {
    return this.remove.run(guildId).changes > 0;
  }

  staffChannelFor(guildId: string | null | undefined): string | undefined {
    return this.for(guildId).staffChannelId;
  }

  checkWritable(): void {
    assertWritable(this.db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Opens the settings in the database at `path` (created and migrated if needed) and checks that it can
 * be written. Throws when it cannot: the bot must not start with settings it could not save.
 */
export function openGuildSettings(path: string, defaults: ServerSettings): SqliteGuildSettings {
  const db = openDatabase(path);
  try {
    assertWritable(db);
    return new SqliteGuildSettings(db, defaults);
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Settings held in a private in-memory database: the defaults until changed, gone at exit (tests, no DB). */
export function memoryGuildSettings(defaults: ServerSettings): SqliteGuildSettings {
  return new SqliteGuildSettings(openDatabase(':memory:'), defaults);
}
