// `npm run report` after teaching: how many declined questions were taught, and the answer rate on
// the same questions before and with what was taught.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/analytics/report-cli.js';
import { openQuestionLog } from '../../src/analytics/question-log.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { Teacher, TeachStore } from '../../src/teach/index.js';
import { config, entry, memoryLogger, tempFolder } from '../analytics/helpers.js';

const declined = { factId: null, answered: false, tier: 'declined', confidence: 0.3 } as const;

describe('the report after teaching', () => {
  it('counts the declined questions taught since and gives the answer rate before and after', () => {
    const path = join(tempFolder(), 'questions.db');
    const log = openQuestionLog(config(path), memoryLogger().logger);
    // 4 answered, 4 declined: 2 of them (the same question twice) get taught, 2 do not.
    for (let i = 0; i < 4; i++) log.record(entry({ question: 'is mexico in nato' }));
    log.record(entry({ ...declined, question: 'mx nato situation' }));
    log.record(entry({ ...declined, question: 'MX NATO Situation' }));
    log.record(entry({ ...declined, question: 'what is the capital of mongolia' }));
    log.record(entry({ ...declined, question: 'is mx in brics' }));
    log.close();

    const store = TeachStore.open(path);
    const kb = loadKnowledge('knowledge');
    const teacher = new Teacher({ store, loadBase: () => kb });
    expect(teacher.teach('mx nato situation', 'nato-membership', { actor: 'cli:t', via: 'cli' }).ok).toBe(
      true,
    );
    store.close();

    const report = runReportCommand([], { DATABASE_PATH: path });
    expect(report.exitCode).toBe(0);
    expect(report.output).toContain('Learned phrasings in force: 1');
    expect(report.output).toContain('Declined questions taught since: 2 of 4');
    expect(report.output).toContain(
      'Answer rate on these questions: 50% as answered, 75% with what was taught',
    );
    const md = runReportCommand(['--format', 'md'], { DATABASE_PATH: path });
    expect(md.output).toContain('## Teaching');
  });
});
