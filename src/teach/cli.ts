// The `npm run teach` command: teach a phrasing, list, undo, export them as YAML for the knowledge
// files, list the fact ids. Kept apart from scripts/teach.ts so it can be tested without a process.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { dump } from 'js-yaml';
import { createBrain } from '../answer/brain.js';
import { ConfigError, loadConfig } from '../config.js';
import { LearnedChecker } from '../answer/learned.js';
import { KnowledgeError, loadKnowledge } from '../knowledge/load.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import { TeachStore, type LearnedRow } from './store.js';
import { suggestionGroups, type SuggestionGroup } from './suggest.js';
import { Teacher } from './teacher.js';

export const USAGE = `Usage: npm run teach -- "question" FACT_ID [--by NAME]   teach a phrasing of a fact
       npm run teach -- --undo "question"                     take a learned phrasing back
       npm run teach -- --list                                learned phrasings, who taught them and when
       npm run teach -- --export [--out FILE]                 learned phrasings as YAML alternates
       npm run teach -- --facts                               the fact ids you can teach
       npm run teach -- --suggest [--days N]                  questions the bot did not answer well, grouped

A running bot applies a change within a few seconds, on every shard; no restart.`;

export interface CommandResult {
  exitCode: number;
  output: string;
  error: string;
}

const fail = (error: string, exitCode = 1): CommandResult => ({ exitCode, output: '', error: `${error}\n` });
const done = (output: string): CommandResult => ({ exitCode: 0, output: `${output}\n`, error: '' });

const day = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

export function renderList(rows: readonly LearnedRow[]): string {
  if (!rows.length) return 'No learned phrasings yet.';
  return rows
    .map(
      (r) =>
        `"${r.phrasing}" -> ${r.factId}  (${r.lang}, by ${r.taughtBy} via ${r.via}, ${day(r.taughtAt)} UTC)`,
    )
    .join('\n');
}

/** The learned phrasings as YAML, by knowledge file and fact, ready to paste under `alternates`. */
export function renderExport(rows: readonly LearnedRow[], kb: KnowledgeBase, now = Date.now()): string {
  const byFile: Record<string, Record<string, { alternates?: string[]; es?: { alternates: string[] } }>> = {};
  for (const r of rows) {
    const fact = kb.facts.find((f) => f.id === r.factId);
    const file = fact?.file ?? '(fact no longer in the knowledge files)';
    const entry = ((byFile[file] ??= {})[r.factId] ??= {});
    if (r.lang === 'es') (entry.es ??= { alternates: [] }).alternates.push(r.phrasing);
    else (entry.alternates ??= []).push(r.phrasing);
  }
  const header = [
    `# Learned phrasings (npm run teach -- --export), ${day(now)} UTC.`,
    '# Paste each list under the fact of that id in that knowledge file (alternates, or es.alternates),',
    '# run `npm run validate` and commit. A learned phrasing that is also in the files is then ignored.',
  ].join('\n');
  return rows.length ? `${header}\n${dump(byFile, { lineWidth: 120 })}` : `${header}\n# (none yet)\n`;
}

export function renderSuggestions(groups: readonly SuggestionGroup[]): string {
  if (!groups.length)
    return 'No suggestions: nothing the bot declined, answered unsurely or got a 👎 for is waiting.';
  return groups
    .map((g, i) => {
      const why = Object.entries(g.reasons)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      return [
        `${i + 1}. x${g.count} (${why}): ${g.questions.map((q) => `"${q}"`).join(', ')}`,
        `   candidate facts: ${g.candidates.join(', ')}`,
        `   teach with: npm run teach -- "${g.questions[0]}" FACT_ID   (each spelling; the fact that answers them)`,
      ].join('\n');
    })
    .join('\n');
}

export function runTeachCommand(argv: readonly string[], env: NodeJS.ProcessEnv): CommandResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        undo: { type: 'string' },
        list: { type: 'boolean' },
        export: { type: 'boolean' },
        out: { type: 'string' },
        facts: { type: 'boolean' },
        suggest: { type: 'boolean' },
        days: { type: 'string', default: '30' },
        by: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) return done(USAGE);

  let config;
  let kb: KnowledgeBase;
  try {
    config = loadConfig(env);
    kb = loadKnowledge(config.knowledgeDir);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof KnowledgeError) return fail(err.message);
    throw err;
  }
  if (values.facts) return done(kb.facts.map((f) => `${f.id}  ${f.question}`).join('\n'));

  const modes = [
    values.list,
    values.export,
    values.suggest,
    values.undo !== undefined,
    positionals.length > 0,
  ].filter(Boolean);
  if (modes.length !== 1) return fail(USAGE, 2);
  if (positionals.length > 0 && positionals.length !== 2)
    return fail(`Give the question in quotes, then the fact id.\n\n${USAGE}`, 2);

  let store: TeachStore;
  try {
    store = TeachStore.open(config.DATABASE_PATH, { busyTimeoutMs: 5000 });
  } catch (err) {
    return fail(`Cannot open ${config.DATABASE_PATH}: ${(err as Error).message}`);
  }
  try {
    if (values.list) return done(renderList(store.list()));
    if (values.suggest) {
      if (!/^[1-9]\d*$/.test(values.days))
        return fail(`--days must be a whole number of days above 0, not "${values.days}".`);
      // The brain as the bot runs it, learned phrasings included, judges what is still unanswered.
      const learned = store.learned().map((l) => (config.TEACH_SHARING ? { ...l, guildId: null } : l));
      const brain = createBrain(new LearnedChecker(kb).merge(learned).kb);
      const groups = suggestionGroups(store.db, brain, {
        days: Number(values.days),
        exclude: store.suggestedKeys(),
      });
      return done(renderSuggestions(groups));
    }
    if (values.export) {
      const yaml = renderExport(store.list(), kb);
      if (!values.out) return { exitCode: 0, output: yaml, error: '' };
      writeFileSync(values.out, yaml);
      return { exitCode: 0, output: '', error: `Written to ${values.out}\n` };
    }
    const teacher = new Teacher({ store, loadBase: () => kb, shared: config.TEACH_SHARING });
    const by = values.by?.trim() || safeUserName();
    const who = { actor: `cli:${by}`, guildId: null, via: 'cli' as const };
    const outcome =
      values.undo !== undefined
        ? teacher.undo(values.undo, who)
        : teacher.teach(positionals[0]!, positionals[1]!, who);
    return outcome.ok ? done(outcome.message) : fail(outcome.message);
  } finally {
    store.close();
  }
}

function safeUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
