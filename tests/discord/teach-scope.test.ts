// TEACH_SHARING=off end to end: what one server's moderators teach answers in that server only.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordBot } from '../../src/discord/start.js';
import type { TeachStore } from '../../src/teach/index.js';
import { startTestBot } from '../support/bot.js';
import { openTeachingWorld, type TeachingWorld } from '../support/teaching.js';
import type { FakeDiscord } from '../support/fake-discord.js';

let world: TeachingWorld;
let fake: FakeDiscord;
let bot: DiscordBot;
let store: TeachStore;

beforeAll(async () => {
  world = await openTeachingWorld({ guilds: 2, env: { TEACH_SHARING: 'off' } });
  ({ fake, store } = world);
  ({ bot } = await startTestBot(fake, {}, world.live.brain, {
    questionLog: world.log,
    teacher: world.teacher,
    suggestions: false,
  }));
});

afterAll(() => world?.close(bot));

const text = (name: string, value: string) => ({
  type: ApplicationCommandOptionType.String as const,
  name,
  value,
});
/** Whether /ask in that server got a factual answer (answers carry 👍 👎 buttons, declines do not). */
async function answered(question: string, guildId: string): Promise<boolean> {
  const body = await fake.interactAndAwaitCallback(
    fake.chatInput('ask', [text('question', question)], { guildId }),
  );
  return JSON.stringify(body.data.components ?? []).includes('"vote:');
}

describe('teaching with TEACH_SHARING=off', () => {
  it('answers a phrasing taught with /teach in its own server only', async () => {
    const [a, b] = fake.guildIds as [string, string];
    const question = 'mx nato situation';
    expect(await answered(question, a)).toBe(false);
    const reply = await fake.interactAndAwaitCallback(
      fake.chatInput(
        'teach',
        [
          {
            type: ApplicationCommandOptionType.Subcommand,
            name: 'add',
            options: [text('question', question), text('fact', 'nato-membership')],
          },
        ],
        { guildId: a },
      ),
    );
    expect(reply.data.content).toContain('Learned');
    expect(await answered(question, a)).toBe(true);
    expect(await answered(question, b)).toBe(false);
    expect(store.list()[0]?.guildId).toBe(a);
  });
});
