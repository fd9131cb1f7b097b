import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openQuestionLog } from '../../src/analytics/question-log.js';
import { config, entry, memoryLogger, tempFolder } from './helpers.js';

const writer = fileURLToPath(new URL('./fixtures/writer.ts', import.meta.url));

/** Runs the writer, kills it with SIGKILL once it has printed `killAfter` ids, returns the ids it printed. */
function writeThenKill(path: string, killAfter: number): Promise<{ ids: number[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, path, '200000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer did not reach ${killAfter} rows in time; stderr: ${err}`));
    }, 15_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.split('\n').length > killAfter) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      // Only complete lines: a partly written line may belong to a row that was not committed yet.
      const complete = out.slice(0, out.lastIndexOf('\n') + 1);
      resolve({ ids: complete.split('\n').filter(Boolean).map(Number), signal });
    });
  });
}

describe('a bot killed while writing', () => {
  it('loses no committed row, and the database opens cleanly afterwards', async () => {
    const path = join(tempFolder(), 'questions.db');
    const { ids, signal } = await writeThenKill(path, 300);
    expect(signal).toBe('SIGKILL');
    expect(ids.length).toBeGreaterThanOrEqual(300);

    const db = new Database(path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(db.prepare('SELECT id FROM questions').pluck().all() as number[]);
    expect(ids.filter((id) => !stored.has(id))).toEqual([]);
    db.close();

    const { logger, errors } = memoryLogger();
    const log = openQuestionLog(config(path), logger);
    expect(log.record(entry())).toBeGreaterThan(Math.max(...ids));
    log.close();
    expect(errors()).toEqual([]);
  });
});
