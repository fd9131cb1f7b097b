// Runs a TypeScript entry point in a child process (through tsx) and collects its output, with a
// bounded wait, for tests of exit codes and signals.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or kills the child and rejects after `timeoutMs`). */
  exited: (timeoutMs?: number) => Promise<number | null>;
}

export interface RunOptions {
  /** Modules to --import after tsx (fixtures that fake a machine's conditions, such as failing DNS). */
  preload?: string[];
  /** Run with plain node instead of tsx (compiled entry points under dist/). */
  plain?: boolean;
}

export function runTs(entry: string, env: Record<string, string>, options: RunOptions = {}): Child {
  const loader = options.plain ? [] : ['--import', 'tsx'];
  const preload = (options.preload ?? []).flatMap((m) => ['--import', m]);
  const child = spawn(process.execPath, [...loader, ...preload, entry], {
    // The test run's snapshot folder (tests/support/global-setup.ts), not the project's cache.
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      KNOWLEDGE_CACHE_DIR: process.env.KNOWLEDGE_CACHE_DIR ?? '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited: async (timeoutMs = 15_000) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${entry} did not exit within ${timeoutMs} ms\n${err}`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([done, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
