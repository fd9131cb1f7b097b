// Flood control for questions: per user (a few questions a window, and the same question not twice in
// a row) and per channel (a ceiling on answers a window, so one channel cannot keep the bot busy).
// Memory is bounded: each map holds at most `maxKeys` entries, oldest evicted first, and entries expire
// lazily when touched. No timers, so nothing is left running; the clock is injected for tests.
import { MAX_QUESTION_LENGTH } from '../answer/types.js';

export interface CooldownOptions {
  /** Length of the sliding window, in ms. */
  windowMs?: number;
  /** Questions one user may ask per window. */
  perUser?: number;
  /** Answers the bot gives in one channel per window (whoever asks). */
  perChannel?: number;
  /** A user's identical question within this many ms is not answered again. */
  repeatMs?: number;
  /** Most users (and, separately, channels) remembered at once. */
  maxKeys?: number;
  now?: () => number;
}

export type Verdict =
  | { allowed: true }
  | {
      allowed: false;
      reason: 'repeat' | 'user' | 'channel';
      /** True for the first refusal of a burst: tell the user once, then stay quiet. */
      notify: boolean;
      retryAfterMs: number;
    };

export interface Ask {
  userId: string;
  channelId: string;
  question: string;
}

interface UserState {
  hits: number[];
  lastQuestion: string;
  lastAt: number;
  /** Until when the user has already been told to slow down. */
  noticedUntil: number;
}

interface ChannelState {
  hits: number[];
  noticedUntil: number;
}

export const COOLDOWN_DEFAULTS = {
  windowMs: 10_000,
  perUser: 4,
  perChannel: 15,
  repeatMs: 30_000,
  maxKeys: 10_000,
} as const;

/** Questions that differ only in case, spacing or punctuation are the same question. */
function sameKey(question: string): string {
  return question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, MAX_QUESTION_LENGTH);
}

/** A Map used as an LRU: reading an entry moves it to the end; the first entry is the oldest. */
class BoundedMap<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get size(): number {
    return this.map.size;
  }
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

export class Cooldowns {
  private readonly opts: Required<Omit<CooldownOptions, 'now'>>;
  private readonly now: () => number;
  private readonly users: BoundedMap<UserState>;
  private readonly channels: BoundedMap<ChannelState>;

  constructor({ now = Date.now, ...options }: CooldownOptions = {}) {
    this.opts = { ...COOLDOWN_DEFAULTS, ...options };
    this.now = now;
    this.users = new BoundedMap(this.opts.maxKeys);
    this.channels = new BoundedMap(this.opts.maxKeys);
  }

  /** Users and channels currently remembered (bounded by 2 x maxKeys). */
  get size(): number {
    return this.users.size + this.channels.size;
  }

  /** Decides whether a question may be answered now, and records it when it may. */
  check({ userId, channelId, question }: Ask): Verdict {
    const now = this.now();
    const { windowMs, perUser, perChannel, repeatMs } = this.opts;
    const since = now - windowMs;
    const key = sameKey(question);

    const user = this.users.get(userId) ?? { hits: [], lastQuestion: '', lastAt: -Infinity, noticedUntil: 0 };
    user.hits = user.hits.filter((t) => t > since);
    const channel = this.channels.get(channelId) ?? { hits: [], noticedUntil: 0 };
    channel.hits = channel.hits.filter((t) => t > since);

    let refusal: { reason: 'repeat' | 'user' | 'channel'; until: number; state: UserState | ChannelState };
    if (key === user.lastQuestion && now - user.lastAt < repeatMs)
      refusal = { reason: 'repeat', until: user.lastAt + repeatMs, state: user };
    else if (user.hits.length >= perUser)
      refusal = { reason: 'user', until: user.hits[0]! + windowMs, state: user };
    else if (channel.hits.length >= perChannel)
      refusal = { reason: 'channel', until: channel.hits[0]! + windowMs, state: channel };
    else {
      user.hits.push(now);
      user.lastQuestion = key;
      user.lastAt = now;
      channel.hits.push(now);
      this.users.set(userId, user);
      this.channels.set(channelId, channel);
      return { allowed: true };
    }
    const notify = refusal.state.noticedUntil <= now;
    if (notify) refusal.state.noticedUntil = refusal.until;
    this.users.set(userId, user);
    this.channels.set(channelId, channel);
    return { allowed: false, reason: refusal.reason, notify, retryAfterMs: Math.max(0, refusal.until - now) };
  }
}
