// `npm run teach` and `npm run ask` as an operator runs them on a fresh clone: real processes, a
// database file that does not exist yet.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEARNED_ERRORS } from '../../src/answer/learned.js';
import { tempFolder } from '../analytics/helpers.js';

function run(entry: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '', KNOWLEDGE_CACHE_DIR: process.env.KNOWLEDGE_CACHE_DIR ?? '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run teach', () => {
  it('teaches a phrasing that `npm run ask` then answers with the fact, lists it, exports it, and undoes it', () => {
    const env = { DATABASE_PATH: join(tempFolder(), 'data', 'questions.db') };
    const teach = (...args: string[]) => run('scripts/teach.ts', args, env);
    const ask = (q: string) => JSON.parse(run('src/console/ask.ts', ['--json', q], env).stdout);
    const question = 'mx nato situation';

    expect(ask(question).answered).toBe(false);
    expect(existsSync(env.DATABASE_PATH)).toBe(false);

    const taught = teach(question, 'nato-membership', '--by', 'ana');
    expect(taught.code).toBe(0);
    expect(taught.stdout).toContain('nato-membership');
    expect(ask(question)).toMatchObject({ answered: true, factId: 'nato-membership', confidence: 1 });
    // A hesitant match becomes a sure one.
    const unsure = 'Is Mexico a WTO member state?';
    expect(ask(unsure).confidence).toBeLessThan(0.7);
    expect(teach(unsure, 'org-wto').code).toBe(0);
    expect(ask(unsure)).toMatchObject({ answered: true, factId: 'org-wto', confidence: 1 });

    const list = teach('--list');
    expect(list.stdout).toContain(`"${question}" -> nato-membership`);
    expect(list.stdout).toContain('cli:ana');
    const exported = teach('--export');
    expect(exported.stdout).toMatch(
      /security\.yaml:\n {2}nato-membership:\n {4}alternates:\n {6}- mx nato situation/,
    );

    const undone = teach('--undo', question);
    expect(undone.code).toBe(0);
    expect(ask(question).answered).toBe(false);
    expect(teach('--list').stdout).not.toContain(question);
  });

  it('refuses bad input with one clear sentence and a non-zero exit, storing nothing', () => {
    const env = { DATABASE_PATH: join(tempFolder(), 'questions.db') };
    const refused = run('scripts/teach.ts', ['is brazil in nato', 'nato-membership'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      LEARNED_ERRORS.entity('is brazil in nato', ['Brazil'], 'nato-membership'),
    );
    expect(run('scripts/teach.ts', ['--list'], env).stdout.trim()).toBe('No learned phrasings yet.');
    const missing = run('scripts/teach.ts', ['only a question'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Give the question in quotes, then the fact id.');
    expect(run('scripts/teach.ts', ['--bogus'], env).code).toBe(2);
  });
});
