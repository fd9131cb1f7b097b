// Live knowledge: the reloadable brain built from a folder, reloaded when the folder changes (when
// watching) or on request (/reload). Every outcome is logged; a bad edit names its file, fact and field
// and leaves the previous knowledge base serving. With a cache folder, start-up and reloads go
// through the snapshot (snapshot.ts): restored when nothing changed, rebuilt and saved when it did.
import { createReloadableBrain, type ReloadableBrain, type ReloadResult } from '../answer/reloadable.js';
import type { Logger } from '../log.js';
import type { LearnedPhrasing } from '../answer/learned.js';
import { loadBrain } from './snapshot.js';
import { watchKnowledge, type KnowledgeWatcher } from '../knowledge/watch.js';
import { metricEvents } from '../health/events.js';

export interface LiveKnowledge {
  brain: ReloadableBrain;
  /** Reloads now and logs the outcome. */
  reload(trigger: string): ReloadResult;
  /** Stops watching (no-op when not watching). */
  close(): void;
}

export function openLiveKnowledge(
  dir: string,
  logger: Logger,
  {
    watch = false,
    debounceMs = 300,
    cacheDir,
    learned,
  }: {
    watch?: boolean;
    debounceMs?: number;
    /** Where the start-up snapshot lives (config.knowledgeCacheDir); none when undefined. */
    cacheDir?: string | undefined;
    /** The learned phrasings to merge in (src/teach/), read again at every reload. */
    learned?: (() => readonly LearnedPhrasing[]) | undefined;
  } = {},
): LiveKnowledge {
  const brain = createReloadableBrain(() => loadBrain(dir, { cacheDir, logger, learned: learned?.() }).brain);
  const reload = (trigger: string, files: string[] = []): ReloadResult => {
    const result = brain.reload();
    metricEvents.reload(result.ok);
    if (result.ok) logger.info({ trigger, files, facts: result.facts, ms: result.ms }, 'Knowledge reloaded');
    else
      logger.error(
        { trigger, files, problems: result.problems },
        `Knowledge reload failed; still serving the previous knowledge base:\n${result.problems.join('\n')}`,
      );
    return result;
  };
  let watcher: KnowledgeWatcher | undefined;
  if (watch) watcher = watchKnowledge(dir, (files) => void reload('file change', files), { debounceMs });
  return {
    brain,
    reload: (trigger) => reload(trigger),
    close: () => watcher?.close(),
  };
}
