// Watches the knowledge folder and its lang/ folder and calls back once a burst of edits has settled
// (editors often write a file in several steps). One fs.watch handle per folder and at most one
// timer; close() releases them all.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { LANG_DIR } from './load.js';

export interface KnowledgeWatcher {
  close(): void;
}

export function watchKnowledge(
  dir: string,
  onChange: (files: string[]) => void,
  { debounceMs = 300 }: { debounceMs?: number } = {},
): KnowledgeWatcher {
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  const watchers: FSWatcher[] = [];
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const w of watchers) w.close();
  };
  const watchFolder = (folder: string, prefix: string) => {
    const watcher: FSWatcher = watch(folder, { persistent: true }, (_event, filename) => {
      const name = filename?.toString();
      // Editors' swap and backup files are not knowledge; no name at all may be one of ours.
      if (name && !/\.ya?ml$/i.test(name)) return;
      if (name) changed.add(`${prefix}${name}`);
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        const files = [...changed].sort();
        changed.clear();
        onChange(files);
      }, debounceMs);
    });
    // The folder went away (renamed, unmounted): stop watching; the loaded knowledge keeps serving.
    watcher.on('error', stop);
    watchers.push(watcher);
  };
  watchFolder(dir, '');
  const langDir = join(dir, LANG_DIR);
  if (existsSync(langDir)) watchFolder(langDir, `${LANG_DIR}/`);
  return { close: stop };
}
