// The terminal prompt keeps the session's questions, so a follow-up is read after the previous one;
// piped input is answered line by line, each line alone.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runTerminal } from '../../src/console/terminal.js';
import { brain } from '../support/brain.js';

async function session(lines: string[], tty: boolean): Promise<string[]> {
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  const output = new PassThrough();
  const answers: string[] = [];
  const done = runTerminal(brain, input, output, (_q, a) =>
    answers.push(a.answered ? a.factId! : `declined: ${a.text}`),
  );
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return answers;
}

describe('the terminal', () => {
  it('reads a follow-up at the prompt after the session’s previous question', async () => {
    const answers = await session(
      ['Is Mexico in NATO?', 'why not?', 'and the WTO?', 'what about Canada?'],
      true,
    );
    expect(answers.slice(0, 3)).toEqual(['nato-membership', 'nato-why-not', 'org-wto']);
    // "what about Canada?" after "and the WTO?": whether Canada is in the WTO. Never the USMCA fact.
    expect(answers[3]).toMatch(/^declined: .*Canada/);
  });

  it('answers piped lines each on its own', async () => {
    const answers = await session(['What is the Pacific Alliance?', "who's in it?"], false);
    expect(answers[0]).toBe('trade-pacific-alliance');
    expect(answers[1]).toMatch(/^declined/);
    // At the prompt, the same two lines are a conversation.
    expect(await session(['What is the Pacific Alliance?', "who's in it?"], true)).toEqual([
      'trade-pacific-alliance',
      'trade-pacific-alliance',
    ]);
  });
});
