// Teaching at start-up: opens the store the bot reads learned phrasings from, and gives the live
// knowledge a reader that never throws. Learned phrasings are knowledge, not analytics: with
// ANALYTICS=off the bot still reads them from DATABASE_PATH when that file exists (and creates no
// file); with ANALYTICS=on the file is created as for the question log.
import type { Config } from '../config.js';
import type { LearnedPhrasing } from '../answer/learned.js';
import type { Logger } from '../log.js';
import { TeachStore } from './store.js';

export { Teacher, TEACH_TEXT, watchLearned, type ActorInfo, type TeachOutcome } from './teacher.js';
export { TeachStore, type LearnedRow, type Via } from './store.js';

/** The store, or null when there is no database to read (logged); never throws. */
export function openTeachStore(
  config: Pick<Config, 'ANALYTICS' | 'DATABASE_PATH'>,
  logger: Logger,
): TeachStore | null {
  try {
    return config.ANALYTICS
      ? TeachStore.open(config.DATABASE_PATH)
      : TeachStore.openIfExists(config.DATABASE_PATH);
  } catch (err) {
    logger.error(
      { err, path: config.DATABASE_PATH },
      'Could not open the learned phrasings; answering without them',
    );
    return null;
  }
}

/**
 * Reads the learned phrasings for every (re)build of the brain. If the read fails (a locked file),
 * the last phrasings read are used and the failure is logged: a reload never loses what was learned.
 */
export function learnedReader(
  store: TeachStore | null,
  logger: Logger,
  { shared = true }: { shared?: boolean } = {},
): () => readonly LearnedPhrasing[] {
  let last: readonly LearnedPhrasing[] = [];
  return () => {
    if (!store) return last;
    try {
      // Shared (TEACH_SHARING=on, the default): a phrasing applies in every server, wherever taught.
      last = store.learned().map((l) => (shared ? { ...l, guildId: null } : l));
    } catch (err) {
      logger.error({ err }, 'Could not read the learned phrasings; keeping the ones read before');
    }
    return last;
  };
}
