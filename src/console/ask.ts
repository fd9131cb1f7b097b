// `npm run --silent ask -- [--json] [--jsonl] [--explain] ["question"]`: one answer for scripts and
// tools. With a question argument it answers that; without, it answers each line of standard input in
// order. With --json stdout carries exactly one JSON object per answer and nothing else. With --jsonl
// each input line is itself a JSON object {"question": string, "history"?: string[]}; a line that is
// not one gets an unanswered object with an `error` field, and the stream goes on.
import dotenv from 'dotenv';
import { loadConfig } from '../config.js';
import { loadBrain } from '../startup/snapshot.js';
import { createLogger } from '../log.js';
import { learnedReader, openTeachStore } from '../teach/index.js';
import { forEachLine } from './lines.js';
import { errorJson, parseJsonRequest, renderText, toJson } from './render.js';

const USAGE =
  'Usage: npm run --silent ask -- [--json] [--jsonl] [--explain] ["question"]  (no question: one per line on stdin; --jsonl: one {"question", "history"} object per line)';

export async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const unknown = [...flags].filter((f) => !['--json', '--jsonl', '--explain', '--help'].includes(f));
  if (flags.has('--help') || unknown.length) {
    (unknown.length ? console.error : console.log)(
      unknown.length ? `Unknown option ${unknown[0]}. ${USAGE}` : USAGE,
    );
    return unknown.length ? 2 : 0;
  }
  dotenv.config({ quiet: true });
  const jsonl = flags.has('--jsonl');
  const json = jsonl || flags.has('--json');
  const explain = flags.has('--explain');
  const config = loadConfig();
  // Only the cache's warnings by default (stderr): stdout is the answers' alone.
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  // Learned phrasings (npm run teach) from DATABASE_PATH, when that file exists; none otherwise.
  const store = openTeachStore({ ANALYTICS: false, DATABASE_PATH: config.DATABASE_PATH }, logger);
  const learned = learnedReader(store, logger, { shared: config.TEACH_SHARING })();
  store?.close();
  const { brain } = loadBrain(config.knowledgeDir, { cacheDir: config.knowledgeCacheDir, logger, learned });
  const answer = (q: string, history: string[] = []) => {
    const a = brain.ask(q, { history });
    process.stdout.write(
      json ? `${JSON.stringify(toJson(q, a, { explain }))}\n` : `${renderText(a, { explain })}\n\n`,
    );
  };
  const request = (line: string) => {
    const parsed = parseJsonRequest(line);
    if ('error' in parsed) process.stdout.write(`${JSON.stringify(errorJson(line, parsed.error))}\n`);
    else answer(parsed.question, parsed.history);
  };
  const question = argv.filter((a) => !a.startsWith('--')).join(' ');
  if (question) answer(question);
  else await forEachLine(process.stdin, jsonl ? request : (line) => answer(line));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
