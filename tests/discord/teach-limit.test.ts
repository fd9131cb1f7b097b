// The staff channel is not flooded: at most `perDay` suggestions per channel per 24 hours, the most
// asked group first, whatever the number of groups waiting.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionLog } from '../../src/analytics/index.js';
import type { DiscordBot } from '../../src/discord/start.js';
import type { TeachStore } from '../../src/teach/index.js';
import { suggestionGroups } from '../../src/teach/suggest.js';
import { startTestBot } from '../support/bot.js';
import { openTeachingWorld, type TeachingWorld } from '../support/teaching.js';
import type { FakeDiscord } from '../support/fake-discord.js';

let world: TeachingWorld;
let fake: FakeDiscord;
let bot: DiscordBot;
let log: QuestionLog;
let store: TeachStore;
let staff: string;
/** Groups waiting when the bot starts. */
let waiting: number;

beforeAll(async () => {
  world = await openTeachingWorld({ guilds: 1 });
  ({ fake, log, store } = world);
  const { live, teacher } = world;
  staff = fake.channelId(0, 2);
  // Asked before the bot starts, so the first round sees every group at once.
  const ask = (q: string, times: number) => {
    for (let i = 0; i < times; i++) {
      const a = live.brain.ask(q);
      log.record({
        source: 'discord',
        guildId: fake.guildIds[0],
        channelId: fake.channelId(),
        userId: '1100000000000000100',
        question: q,
        lang: a.lang,
        tier: a.explain.tier,
        factId: a.factId,
        confidence: a.confidence,
        answered: a.answered,
        latencyMs: 1,
      });
    }
  };
  ask('mx nato situation', 3);
  ask('mx oas vibes?', 2);
  ask('mx wto vibes?', 2);
  waiting = suggestionGroups(store.db, live.brain, { guildId: fake.guildIds[0] }).length;
  ({ bot } = await startTestBot(fake, { FEEDBACK_CHANNEL_ID: staff }, live.brain, {
    questionLog: log,
    teacher,
    suggestions: { everyMs: 50, perDay: 1 },
  }));
});

afterAll(() => world?.close(bot));

describe('teaching suggestions in a busy server', () => {
  it('posts one a day when the limit is one, the most asked group first', async () => {
    expect(waiting).toBeGreaterThanOrEqual(3);
    const posts = () => fake.sent('POST', new RegExp(`^/channels/${staff}/messages$`));
    const first = await fake.waitFor(() => posts()[0], 5000, 'the first suggestion');
    await new Promise((r) => setTimeout(r, 500)); // about ten more rounds
    expect(posts()).toHaveLength(1);
    expect(JSON.stringify(first.body.embeds)).toContain('mx nato situation');
    expect(JSON.stringify(first.body.embeds)).toContain('Asked 3 times');
    // Asking more does not lift the limit either.
    await fake.interactAndAwaitCallback(
      fake.chatInput('ask', [
        { type: ApplicationCommandOptionType.String, name: 'question', value: 'mx oas vibes?' },
      ]),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(posts()).toHaveLength(1);
  });
});
