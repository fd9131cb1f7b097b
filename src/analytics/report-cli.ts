// The `npm run report` command: prints the question-log report from DATABASE_PATH, or forgets one
// user. Kept apart from scripts/report.ts so it can be tested without spawning a process.
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from './db.js';
import { loadHashKey } from './hash.js';
import { createLogger } from '../log.js';
import { SqliteQuestionLog } from './question-log.js';
import { buildReport, renderReportMarkdown, renderReportText } from './report.js';
import { KnowledgeError, loadKnowledge } from '../knowledge/load.js';
import { EMPTY_VOCABULARY, reportVocabulary, type ReportVocabulary } from './normalize.js';

/** The knowledge base's words for grouping questions; without a valid knowledge folder, none. */
function vocabularyOf(dir: string): ReportVocabulary {
  try {
    return reportVocabulary(loadKnowledge(dir));
  } catch (err) {
    if (err instanceof KnowledgeError) return EMPTY_VOCABULARY;
    throw err;
  }
}

export const USAGE = `Usage: npm run report -- [--days N] [--format text|md] [--out FILE]
       npm run report -- --forget-user <discord user id>

  --days N         the last N days (default 30)
  --format         text (default) or md (Markdown)
  --out FILE       write the report to FILE instead of printing it
  --forget-user ID delete every question and vote of one Discord user`;

export interface CommandResult {
  exitCode: number;
  /** For stdout. */
  output: string;
  /** For stderr. */
  error: string;
}

const fail = (error: string): CommandResult => ({ exitCode: 1, output: '', error: `${error}\n` });

export const messages = {
  noDatabase: (path: string, analytics: boolean) =>
    `No question log at ${path} yet. ` +
    (analytics
      ? 'It is created when the bot answers its first question.'
      : 'ANALYTICS is off, so the bot does not log questions.'),
  badDays: (value: string) => `--days must be a whole number of days above 0, not "${value}".`,
  badFormat: (value: string) => `--format must be "text" or "md", not "${value}".`,
  badUserId: (value: string) => `--forget-user needs a Discord user id (17 to 20 digits), not "${value}".`,
} as const;

export function runReportCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  now = Date.now(),
): CommandResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        days: { type: 'string', default: '30' },
        format: { type: 'string', default: 'text' },
        out: { type: 'string' },
        'forget-user': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    return fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (values.help) return { exitCode: 0, output: `${USAGE}\n`, error: '' };

  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  const path = config.DATABASE_PATH;
  if (!existsSync(path)) return fail(messages.noDatabase(path, config.ANALYTICS));

  const forget = values['forget-user'];
  if (forget !== undefined) {
    if (!/^\d{17,20}$/.test(forget)) return fail(messages.badUserId(forget));
    const key = loadHashKey(path, config.ANALYTICS_HASH_KEY, false);
    if (key === null)
      return { exitCode: 0, output: 'Nothing stored for that user (no hash key yet).\n', error: '' };
    const db = openDatabase(path, { mustExist: true, busyTimeoutMs: 5000 });
    const log = new SqliteQuestionLog(db, key, createLogger('error'));
    const removed = log.forgetUser(forget);
    log.close();
    return {
      exitCode: 0,
      output: `Deleted ${removed.questions} question(s) and ${removed.votes} vote(s) of that user.\n`,
      error: '',
    };
  }

  if (!/^[1-9]\d*$/.test(values.days)) return fail(messages.badDays(values.days));
  if (values.format !== 'text' && values.format !== 'md') return fail(messages.badFormat(values.format));
  const db = openDatabase(path, { mustExist: true, busyTimeoutMs: 5000 });
  let text: string;
  try {
    const report = buildReport(db, {
      days: Number(values.days),
      now,
      vocabulary: vocabularyOf(config.knowledgeDir),
    });
    text = values.format === 'md' ? renderReportMarkdown(report) : renderReportText(report);
  } finally {
    db.close();
  }
  if (values.out) {
    writeFileSync(values.out, text);
    return { exitCode: 0, output: '', error: `Report written to ${values.out}\n` };
  }
  return { exitCode: 0, output: text, error: '' };
}
