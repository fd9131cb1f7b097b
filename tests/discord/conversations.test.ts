// The conversation a Discord message belongs to: the reply chain to the bot's answers, or the
// thread or DM the bot answered in; bounded, and fetching nothing unless the bot was addressed.
import type { Message } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import { Conversations } from '../../src/discord/conversations.js';

const BOT = '1000000000000000001';
function message(init: { channelId: string; dm?: boolean; thread?: boolean; replyTo?: string }) {
  const fetchReference = vi.fn(() => Promise.reject(new Error('not fetched in this test')));
  const m = {
    channelId: init.channelId,
    reference: init.replyTo ? { messageId: init.replyTo } : null,
    inGuild: () => !init.dm,
    channel: { isThread: () => !!init.thread },
    fetchReference,
  };
  return m as unknown as Message & { fetchReference: typeof fetchReference };
}

describe('Discord conversations', () => {
  it('continues the conversation of the answer a message replies to', async () => {
    const c = new Conversations();
    const channelId = '2000000000000000001';
    c.remember(message({ channelId }), 'answer-1', 'Is Mexico in NATO?', []);
    const reply = message({ channelId, replyTo: 'answer-1' });
    expect(c.repliesToKnownAnswer(reply)).toBe(true);
    expect(await c.historyOf(reply, BOT, false)).toEqual(['Is Mexico in NATO?']);
    c.remember(reply, 'answer-2', 'and the WTO?', ['Is Mexico in NATO?']);
    expect(await c.historyOf(message({ channelId, replyTo: 'answer-2' }), BOT, false)).toEqual([
      'Is Mexico in NATO?',
      'and the WTO?',
    ]);
  });

  it('keeps the questions of a thread or DM, a few at most, but not of a busy channel', async () => {
    const c = new Conversations();
    const dm = message({ channelId: '3000000000000000001', dm: true });
    for (const q of ['q1', 'q2', 'q3', 'q4', 'q5']) c.remember(dm, undefined, q, []);
    expect(await c.historyOf(dm, BOT, true)).toEqual(['q2', 'q3', 'q4', 'q5']);
    const thread = message({ channelId: '3000000000000000002', thread: true });
    c.remember(thread, undefined, 'What is the OAS?', []);
    expect(await c.historyOf(thread, BOT, true)).toEqual(['What is the OAS?']);
    const channel = message({ channelId: '3000000000000000003' });
    c.remember(channel, undefined, 'What is the OAS?', []);
    expect(await c.historyOf(channel, BOT, true)).toEqual([]);
  });

  it('fetches a forgotten answer only when addressed, and forgets the oldest answers first', async () => {
    const c = new Conversations({ maxAnswers: 2 });
    const unknown = message({ channelId: '4000000000000000001', replyTo: 'forgotten' });
    expect(await c.historyOf(unknown, BOT, false)).toEqual([]);
    expect(unknown.fetchReference).not.toHaveBeenCalled();
    expect(await c.historyOf(unknown, BOT, true)).toEqual([]);
    expect(unknown.fetchReference).toHaveBeenCalledTimes(1);
    for (const id of ['a1', 'a2', 'a3'])
      c.remember(message({ channelId: '4000000000000000002' }), id, id, []);
    expect(c.repliesToKnownAnswer(message({ channelId: 'x', replyTo: 'a1' }))).toBe(false);
    expect(c.repliesToKnownAnswer(message({ channelId: 'x', replyTo: 'a3' }))).toBe(true);
  });
});
