// Teaching: adds and removes learned phrasings after checking them, logs who did it, and makes the
// running brain apply the change at once. Shared by `npm run teach`, `/teach` and the staff channel's
// suggestion menus. No discord.js here.
import { createBrain } from '../answer/brain.js';
import type { Brain } from '../answer/types.js';
import { LearnedChecker, phrasingKey, type LearnedPhrasing } from '../answer/learned.js';
import { KnowledgeError } from '../knowledge/load.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import type { Logger } from '../log.js';
import type { LearnedRow, TeachStore, Via } from './store.js';

/** What teaching says, one sentence each (tests assert these). */
export const TEACH_TEXT = {
  taught: (phrasing: string, factId: string, question: string) =>
    `Learned: "${phrasing}" now gets the answer of fact "${factId}" (${question}).`,
  undone: (phrasing: string, factId: string) =>
    `Removed: "${phrasing}" is no longer a learned phrasing of fact "${factId}".`,
  notLearned: (phrasing: string) =>
    `"${phrasing}" is not a learned phrasing. \`npm run teach -- --list\` (or /teach undo's list) shows them.`,
  inFiles: (phrasing: string, factId: string) =>
    `"${phrasing}" is a phrasing of fact "${factId}" in the knowledge files, not a learned one: edit the file to remove it.`,
  nothingToUndo: 'You have no learned phrasing to take back.',
  stillOther: (phrasing: string, factId: string, got: string | null) =>
    got
      ? `Even taught, "${phrasing}" would be answered with fact "${got}", not "${factId}"; nothing was learned.`
      : `Even taught, "${phrasing}" would still be declined; nothing was learned.`,
  wouldMove: (phrasing: string, other: string, from: string | null, to: string | null) =>
    `Teaching "${phrasing}" would change how "${other}" is answered (${from ?? 'declined'} -> ${to ?? 'declined'}); nothing was learned.`,
  unavailable: 'Teaching is not available: the database cannot be opened. The log says why.',
  badKnowledge:
    'The knowledge files are not valid right now (`npm run validate` says why); fix them, then teach.',
  storeFailed:
    'The learned phrasings could not be read or saved just now (the log says why); nothing changed. Try again in a moment.',
} as const;

export interface ActorInfo {
  /** Who did it: "discord:<id> (<name>)" or "cli:<name>". */
  actor: string;
  guildId?: string | null;
  via: Via;
}

export type TeachOutcome = { ok: true; message: string; row: LearnedRow } | { ok: false; message: string };

export interface TeacherOptions {
  store: TeachStore;
  /** The knowledge files as loaded (loadKnowledge), without learned phrasings. */
  loadBase: () => KnowledgeBase;
  /** Applies the change to the running brain (a reload); the CLI has none. */
  apply?: (trigger: string) => void;
  /** TEACH_SHARING: true (default), what a server teaches applies in every server; false, in that server only. */
  shared?: boolean;
  logger?: Logger;
}

/** Every phrasing of every fact in the files, with the fact that owns it. */
function filePhrasings(kb: KnowledgeBase): [string, string][] {
  return kb.facts.flatMap((f) =>
    [f.question, ...f.alternates, f.es.question, ...f.es.alternates].map((t): [string, string] => [t, f.id]),
  );
}

export class Teacher {
  constructor(private readonly options: TeacherOptions) {}

  get store(): TeachStore {
    return this.options.store;
  }

  list(): LearnedRow[] {
    return this.options.store.list();
  }

  /** A test of whether a text passes the checks that need no brain for a fact (to offer only facts that can be taught). */
  teachable(): (text: string, factId: string) => boolean {
    const checker = new LearnedChecker(this.options.loadBase());
    const taught = new Map(this.options.store.list().map((r) => [r.key, r.factId]));
    return (text, factId) => checker.check(text, factId, taught).ok;
  }

  /** Teaches `text` as a phrasing of `factId`, or says why not. Nothing is stored when refused. */
  teach(text: string, factId: string, who: ActorInfo): TeachOutcome {
    return this.teachMany([text], factId, who)[0]!;
  }

  /**
   * Teaches several phrasings of one fact (a suggestion's group), one outcome each, in order; the
   * knowledge is loaded once and the running brain reloaded once.
   */
  teachMany(texts: readonly string[], factId: string, who: ActorInfo): TeachOutcome[] {
    const failed = (message: string) => texts.map((): TeachOutcome => ({ ok: false, message }));
    let base: KnowledgeBase;
    try {
      base = this.options.loadBase();
    } catch (err) {
      if (err instanceof KnowledgeError) return failed(TEACH_TEXT.badKnowledge);
      throw err;
    }
    try {
      return this.teachChecked(base, texts, factId, who);
    } catch (err) {
      // Reading the learned phrasings failed (a locked or damaged file): nothing was stored.
      this.options.logger?.error({ err, factId, actor: who.actor }, 'Teaching failed');
      return failed(TEACH_TEXT.storeFailed);
    }
  }

  private teachChecked(
    base: KnowledgeBase,
    texts: readonly string[],
    factId: string,
    who: ActorInfo,
  ): TeachOutcome[] {
    const { store, logger } = this.options;
    const checker = new LearnedChecker(base);
    const shared = this.options.shared ?? true;
    const scope = (guildId: string | null | undefined) => (shared ? null : (guildId ?? null));
    const current: LearnedPhrasing[] = store.learned().map((l) => ({ ...l, guildId: scope(l.guildId) }));
    // Asked as from the server teaching (the terminal for the CLI), where the phrasing must work.
    const where = { guildId: who.guildId ?? null };
    const taught = new Map(store.list().map((r) => [r.key, r.factId]));
    const files = filePhrasings(base).map(([t]) => t);
    let before: Brain | undefined;
    const outcomes = texts.map((text): TeachOutcome => {
      const phrasing = typeof text === 'string' ? text.trim().replace(/\s+/g, ' ') : '';
      const check = checker.check(phrasing, factId, taught);
      if (!check.ok) return { ok: false, message: check.reason };
      // The checks that need the brain: taught, the phrasing gets its fact, and nothing else moves.
      before ??= createBrain(checker.merge(current).kb);
      const next = { phrasing, factId, lang: check.lang, guildId: scope(who.guildId) };
      const after = createBrain(checker.merge([...current, next]).kb);
      const got = after.ask(phrasing, where);
      if (!got.answered || got.factId !== factId)
        return {
          ok: false,
          message: TEACH_TEXT.stillOther(phrasing, factId, got.answered ? got.factId : null),
        };
      const moved = this.firstMoved(before, after, [...files, ...current.map((c) => c.phrasing)], where);
      if (moved)
        return { ok: false, message: TEACH_TEXT.wouldMove(phrasing, moved.text, moved.from, moved.to) };

      try {
        // Its own transaction: a failure (locked, read-only, full) leaves the earlier ones whole.
        store.add({ key: check.key, ...next, actor: who.actor, guildId: who.guildId ?? null, via: who.via });
      } catch (err) {
        logger?.error({ err, phrasing, factId, actor: who.actor }, 'Could not save a learned phrasing');
        return { ok: false, message: TEACH_TEXT.storeFailed };
      }
      current.push(next);
      taught.set(check.key, factId);
      before = after;
      logger?.info(
        { action: 'teach', phrasing, factId, actor: who.actor, guildId: who.guildId, via: who.via },
        'Phrasing taught',
      );
      const row = store.get(check.key)!;
      return { ok: true, message: TEACH_TEXT.taught(phrasing, factId, checker.fact(factId)!.question), row };
    });
    if (outcomes.some((o) => o.ok)) this.options.apply?.(`taught by ${who.actor}`);
    return outcomes;
  }

  /** Takes back a learned phrasing (by its text), or, with no text, the last one this person taught. */
  undo(text: string | undefined, who: ActorInfo): TeachOutcome {
    try {
      return this.undoChecked(text, who);
    } catch (err) {
      this.options.logger?.error({ err, actor: who.actor }, 'Undoing a learned phrasing failed');
      return {
        ok: false,
        message: err instanceof KnowledgeError ? TEACH_TEXT.badKnowledge : TEACH_TEXT.storeFailed,
      };
    }
  }

  private undoChecked(text: string | undefined, who: ActorInfo): TeachOutcome {
    const { store, logger } = this.options;
    const typed = text?.trim() ?? '';
    const target = typed ? store.get(phrasingKey(typed)) : store.lastTaughtBy(who.actor);
    if (!target) {
      if (!typed) return { ok: false, message: TEACH_TEXT.nothingToUndo };
      const owner = filePhrasings(this.options.loadBase()).find(
        ([t]) => phrasingKey(t) === phrasingKey(typed),
      );
      return {
        ok: false,
        message: owner ? TEACH_TEXT.inFiles(typed, owner[1]) : TEACH_TEXT.notLearned(typed),
      };
    }
    const row = store.remove(target.key, who.actor, who.guildId ?? null, who.via);
    if (!row) return { ok: false, message: TEACH_TEXT.notLearned(typed || target.phrasing) };
    logger?.info(
      {
        action: 'undo',
        phrasing: row.phrasing,
        factId: row.factId,
        actor: who.actor,
        guildId: who.guildId,
        via: who.via,
      },
      'Learned phrasing removed',
    );
    this.options.apply?.(`undone by ${who.actor}`);
    return { ok: true, message: TEACH_TEXT.undone(row.phrasing, row.factId), row };
  }

  private firstMoved(before: Brain, after: Brain, texts: string[], where: { guildId: string | null }) {
    for (const t of texts) {
      const [b, a] = [before.ask(t, where), after.ask(t, where)];
      const from = b.answered ? b.factId : null;
      const to = a.answered ? a.factId : null;
      if (from !== to) return { text: t, from, to };
    }
    return undefined;
  }
}

/**
 * Polls the store's version and calls back when another process (a shard, `npm run teach`) changed
 * the learned phrasings. One unref'd timer; the returned function stops it.
 */
export function watchLearned(
  store: TeachStore,
  onChange: () => void,
  { intervalMs = 3000, logger }: { intervalMs?: number; logger?: Logger } = {},
): () => void {
  let seen = safeVersion(store, logger) ?? 0;
  const timer = setInterval(() => {
    const version = safeVersion(store, logger);
    if (version === undefined || version === seen) return;
    seen = version;
    onChange();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function safeVersion(store: TeachStore, logger: Logger | undefined): number | undefined {
  try {
    return store.version();
  } catch (err) {
    logger?.warn({ err }, 'Could not read the learned phrasings version; trying again later');
    return undefined;
  }
}
