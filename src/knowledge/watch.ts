// Watches the knowledge folder and calls back once a burst of edits has settled (editors often write
// a file in several steps). One fs.watch handle and at most one timer; close() releases both.
import { watch, type FSWatcher } from 'node:fs';

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
  const watcher: FSWatcher = watch(dir, { persistent: true }, (_event, filename) => {
    const name = filename?.toString();
    // Editors' swap and backup files are not knowledge; no name at all may be one of ours.
    if (name && !/\.ya?ml$/i.test(name)) return;
    if (name) changed.add(name);
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const files = [...changed].sort();
      changed.clear();
      onChange(files);
    }, debounceMs);
  });
  watcher.on('error', () => {
    // The folder went away (renamed, unmounted): stop watching; the loaded knowledge keeps serving.
    clearTimeout(timer);
    watcher.close();
  });
  return {
    close() {
      clearTimeout(timer);
      timer = undefined;
      watcher.close();
    },
  };
}
