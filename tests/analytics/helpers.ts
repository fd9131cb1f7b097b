// Shared test helpers: a temporary folder per test, a logger that keeps its lines, sample entries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { QuestionEntry, QuestionLogConfig } from '../../src/analytics/question-log.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder, removed after the test. */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'analytics-test-'));
  folders.push(folder);
  return folder;
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export function memoryLogger() {
  const lines: LogLine[] = [];
  const logger = createLogger('debug', {
    write: (line: string) => void lines.push(JSON.parse(line) as LogLine),
  });
  return { logger, lines, errors: () => lines.filter((l) => l.level >= 50) };
}

export function config(path: string, overrides: Partial<QuestionLogConfig> = {}): QuestionLogConfig {
  return {
    ANALYTICS: true,
    DATABASE_PATH: path,
    ANALYTICS_HASH_KEY: undefined,
    LOG_RETENTION_DAYS: 90,
    ...overrides,
  };
}

export function entry(overrides: Partial<QuestionEntry> = {}): QuestionEntry {
  return {
    source: 'discord',
    guildId: '111111111111111111',
    channelId: '222222222222222222',
    userId: '333333333333333333',
    question: 'is mexico in nato',
    lang: 'en',
    tier: 'exact',
    factId: 'nato-membership',
    confidence: 1,
    answered: true,
    latencyMs: 1.5,
    ...overrides,
  };
}
