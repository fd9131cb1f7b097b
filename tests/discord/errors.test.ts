// The one error boundary: an unexpected failure is logged with context and the user gets a polite,
// private apology; the bot keeps answering afterwards.
import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brain } from '../../src/answer/types.js';
import type { DiscordBot } from '../../src/discord/start.js';
import { APOLOGY } from '../../src/discord/text.js';
import { startTestBot } from '../support/bot.js';
import { testBrain } from '../support/brain.js';
import { FakeDiscord } from '../support/fake-discord.js';

const real = testBrain();
const failing: Brain = {
  ...real,
  facts: () => real.facts(),
  factCount: real.factCount,
  ask: (q, o) => {
    if (q.includes('explode')) throw new Error('the matcher broke');
    return real.ask(q, o);
  },
};

let fake: FakeDiscord;
let bot: DiscordBot;
let lines: Record<string, unknown>[];

beforeAll(async () => {
  fake = await FakeDiscord.start();
  ({ bot, lines } = await startTestBot(fake, {}, failing));
});

afterAll(async () => {
  await bot?.stop();
  await fake.close();
  expect(fake.openConnections()).toBe(0);
});

const ask = (value: string) =>
  fake.chatInput('ask', [{ type: ApplicationCommandOptionType.String, name: 'question', value }]);

describe('the error boundary', () => {
  it('logs an unexpected error with context and apologises privately, then keeps answering', async () => {
    const broken = ask('please explode');
    fake.interact(broken);
    const r = await fake.waitForRequest('POST', new RegExp(`^/interactions/${broken.id}/`));
    expect(r.body.data).toMatchObject({ content: APOLOGY, flags: MessageFlags.Ephemeral });
    const logged = lines.find((l) => l.msg === 'Interaction failed');
    expect(logged).toMatchObject({ interactionId: broken.id, command: 'ask', level: 50 });
    expect(JSON.stringify(logged)).toContain('the matcher broke');

    const fine = ask('is mexico in nato');
    fake.interact(fine);
    const ok = await fake.waitForRequest('POST', new RegExp(`^/interactions/${fine.id}/`));
    expect(ok.body.data.embeds[0].description).toMatch(/^Mexico is not a member/);
  });

  it('answers an unknown command with a short private explanation', async () => {
    const unknown = fake.chatInput('gone');
    fake.interact(unknown);
    const r = await fake.waitForRequest('POST', new RegExp(`^/interactions/${unknown.id}/`));
    expect(r.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(r.body.data.content).toMatch(/do not know that command/);
  });
});
