// ANALYTICS=off in Discord: answers carry no vote buttons, nothing is written, /stats and stale vote
// buttons say so privately.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuestionLog, type QuestionLog } from '../../src/analytics/index.js';
import { loadConfig } from '../../src/config.js';
import type { DiscordBot } from '../../src/discord/start.js';
import { FEEDBACK_TEXT } from '../../src/discord/text.js';
import { memoryLogger, startTestBot } from '../support/bot.js';
import { testBrain } from '../support/brain.js';
import { FAKE_BOT, FakeDiscord } from '../support/fake-discord.js';

let fake: FakeDiscord;
let bot: DiscordBot;
let log: QuestionLog;
let folder: string;
let feedbackChannel: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'feedback-off-test-'));
  fake = await FakeDiscord.start({ guilds: 1 });
  feedbackChannel = fake.channelId(0, 2);
  const env = { DATABASE_PATH: join(folder, 'questions.db'), ANALYTICS: 'off' };
  log = openQuestionLog(loadConfig(env), memoryLogger().logger);
  ({ bot } = await startTestBot(fake, { ...env, FEEDBACK_CHANNEL_ID: feedbackChannel }, testBrain(), {
    questionLog: log,
  }));
});

afterAll(async () => {
  await bot?.stop();
  log?.close();
  await fake?.close();
  expect(fake.openConnections()).toBe(0);
  rmSync(folder, { recursive: true, force: true });
});

const callbackFor = (interaction: ReturnType<FakeDiscord['chatInput']>) =>
  fake.interactAndAwaitCallback(interaction);

const allIds = (components: { components: { custom_id: string }[] }[] = []) =>
  components.flatMap((row) => row.components.map((b) => b.custom_id));

describe('with ANALYTICS=off', () => {
  it('answers /ask and mentions without vote buttons and writes no file', async () => {
    const body = await callbackFor(
      fake.chatInput('ask', [
        { type: ApplicationCommandOptionType.String, name: 'question', value: 'is mexico in nato' },
      ]),
    );
    expect(body.data.embeds[0].description).toMatch(/^Mexico is not a member/);
    expect(allIds(body.data.components).some((id) => id.startsWith('vote:'))).toBe(false);

    const since = fake.requests.length;
    const message = fake.message({ content: `<@${FAKE_BOT.id}> what is the usmca?`, mentions: [FAKE_BOT] });
    fake.post(message);
    const r = await fake.waitForRequest('POST', new RegExp(`^/channels/${message.channel_id}/messages$`), {
      since,
    });
    expect(allIds(r.body.components).some((id) => id.startsWith('vote:'))).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('says privately that votes are not recorded when an old vote button is clicked, and posts nothing', async () => {
    const body = await callbackFor(fake.button('vote:1:down'));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.content).toBe(FEEDBACK_TEXT.votesOff.en);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.sent('POST', new RegExp(`^/channels/${feedbackChannel}/messages$`))).toHaveLength(0);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('answers /stats with a clear private message', async () => {
    const body = await callbackFor(fake.chatInput('stats'));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.content).toBe(FEEDBACK_TEXT.statsOff.en);
  });
});
