// Terminal mode: the same brain without Discord. A prompt when a person is typing, where the session's
// earlier questions are the conversation a follow-up belongs to; one answer per line, each on its
// own, when input is piped, exiting when it ends.
import { createInterface } from 'node:readline';
import { fill } from '../answer/lexicon.js';
import type { Brain } from '../answer/types.js';
import { forEachLine } from './lines.js';
import { renderText } from './render.js';

/** The REPL remembers this many earlier questions of the session. */
const MAX_HISTORY = 10;

export const DISCORD_NOTICE =
  'No DISCORD_TOKEN set: answering in the terminal. To connect to Discord, put DISCORD_TOKEN in .env (see README).';

export async function runTerminal(
  brain: Brain,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  onAnswer: (question: string, answer: ReturnType<Brain['ask']>, ms: number) => void = () => {},
): Promise<void> {
  /** The session's earlier questions (the REPL only), so a follow-up is read in their light. */
  const history: string[] = [];
  const answer = (q: string, remember = false) => {
    const started = performance.now();
    const a = brain.ask(q, remember ? { history } : {});
    if (remember) {
      history.push(q);
      if (history.length > MAX_HISTORY) history.shift();
    }
    onAnswer(q, a, performance.now() - started);
    output.write(`${renderText(a)}\n\n`);
  };
  if (!input.isTTY) {
    await forEachLine(input as NodeJS.ReadableStream & import('node:stream').Readable, answer);
    return;
  }
  const rl = createInterface({ input, output, prompt: 'ask> ' });
  output.write(`${fill(brain.persona.messages.consoleIntro.en, { count: brain.factCount })}\n`);
  rl.prompt();
  for await (const line of rl) {
    if (/^\s*(exit|quit|salir)\s*$/i.test(line)) break;
    if (line.trim()) answer(line, true);
    rl.prompt();
  }
  rl.close();
}
