// Terminal mode: the same brain without Discord. A prompt when a person is typing; one answer per
// line when input is piped, exiting when it ends.
import { createInterface } from 'node:readline';
import { fill } from '../answer/lexicon.js';
import type { Brain } from '../answer/types.js';
import { forEachLine } from './lines.js';
import { renderText } from './render.js';

export const DISCORD_NOTICE =
  'No DISCORD_TOKEN set: answering in the terminal. To connect to Discord, put DISCORD_TOKEN in .env (see README).';

export async function runTerminal(
  brain: Brain,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  onAnswer: (question: string, answer: ReturnType<Brain['ask']>, ms: number) => void = () => {},
): Promise<void> {
  const answer = (q: string) => {
    const started = performance.now();
    const a = brain.ask(q);
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
    if (line.trim()) answer(line);
    rl.prompt();
  }
  rl.close();
}
