import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages, runReportCommand } from '../../src/analytics/report-cli.js';
import { openQuestionLog } from '../../src/analytics/question-log.js';
import { config, entry, memoryLogger, tempFolder } from './helpers.js';

const USER = '333333333333333333';

function seededDatabase(): string {
  const path = join(tempFolder(), 'questions.db');
  const log = openQuestionLog(
    config(path, { ANALYTICS_HASH_KEY: 'a-test-key-of-16+chars' }),
    memoryLogger().logger,
  );
  log.record(entry());
  log.record(entry({ question: 'is mexico in brics', factId: null, answered: false, tier: 'declined' }));
  log.record(entry({ userId: '444444444444444444' }));
  log.close();
  return path;
}

describe('npm run report', () => {
  it('says clearly that there is no log yet, and why', () => {
    const path = join(tempFolder(), 'missing.db');
    expect(runReportCommand([], { DATABASE_PATH: path })).toEqual({
      exitCode: 1,
      output: '',
      error: `${messages.noDatabase(path, true)}\n`,
    });
    expect(runReportCommand([], { DATABASE_PATH: path, ANALYTICS: 'off' }).error).toMatch(/ANALYTICS is off/);
  });

  it('prints a text report by default and Markdown with --format md', () => {
    const env = { DATABASE_PATH: seededDatabase() };
    const text = runReportCommand(['--days', '7'], env);
    expect(text.exitCode).toBe(0);
    expect(text.output).toMatch(/^Question log report: last 7 days/);
    expect(text.output).toContain('Answered: 2 of 3 factual questions (67%)');
    expect(runReportCommand(['--format', 'md'], env).output).toMatch(/^# Question log: last 30 days/);
  });

  it('writes to a file with --out', () => {
    const env = { DATABASE_PATH: seededDatabase() };
    const out = join(tempFolder(), 'report.md');
    const result = runReportCommand(['--format', 'md', '--out', out], env);
    expect(result).toMatchObject({ exitCode: 0, output: '' });
    expect(readFileSync(out, 'utf8')).toContain('## Gaps');
  });

  it('rejects bad options with a sentence and the usage', () => {
    const env = { DATABASE_PATH: seededDatabase() };
    expect(runReportCommand(['--days', 'week'], env).error).toBe(`${messages.badDays('week')}\n`);
    expect(runReportCommand(['--format', 'pdf'], env).error).toBe(`${messages.badFormat('pdf')}\n`);
    expect(runReportCommand(['--colour'], env)).toMatchObject({
      exitCode: 1,
      error: expect.stringMatching(/Usage/),
    });
  });

  it('forgets one user with --forget-user', () => {
    const env = { DATABASE_PATH: seededDatabase(), ANALYTICS_HASH_KEY: 'a-test-key-of-16+chars' };
    expect(runReportCommand(['--forget-user', USER], env).output).toBe(
      'Deleted 2 question(s) and 0 vote(s) of that user.\n',
    );
    expect(runReportCommand([], env).output).toContain('Questions asked: 1');
    expect(runReportCommand(['--forget-user', 'bob'], env).error).toBe(`${messages.badUserId('bob')}\n`);
  });
});
