// The question log and the feedback buttons end to end: the real bot against a fake Discord, writing
// to a real SQLite file in a temporary folder. Assertions are about what the bot sent and what the
// file holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuestionLog, type QuestionLog } from '../../src/analytics/index.js';
import { loadConfig } from '../../src/config.js';
import type { DiscordBot } from '../../src/discord/start.js';
import { FEEDBACK_TEXT } from '../../src/discord/text.js';
import { memoryLogger, startTestBot } from '../support/bot.js';
import { testBrain } from '../support/brain.js';
import { FAKE_BOT, FAKE_USER, FakeDiscord } from '../support/fake-discord.js';

let fake: FakeDiscord;
let bot: DiscordBot;
let log: QuestionLog;
let folder: string;
let dbPath: string;
let feedbackChannel: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'feedback-test-'));
  dbPath = join(folder, 'questions.db');
  fake = await FakeDiscord.start({ guilds: 1 });
  feedbackChannel = fake.channelId(0, 2);
  log = openQuestionLog(loadConfig({ DATABASE_PATH: dbPath }), memoryLogger().logger);
  ({ bot } = await startTestBot(fake, { FEEDBACK_CHANNEL_ID: feedbackChannel }, testBrain(), {
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

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const callbackFor = (interaction: ReturnType<FakeDiscord['chatInput']>) =>
  fake.interactAndAwaitCallback(interaction);

const ask = (question: string) =>
  fake.chatInput('ask', [{ type: ApplicationCommandOptionType.String, name: 'question', value: question }]);
const staffPosts = () => fake.sent('POST', new RegExp(`^/channels/${feedbackChannel}/messages$`));
const customIds = (body: { data: { components?: { components: { custom_id: string }[] }[] } }) =>
  (body.data.components ?? []).flatMap((row) => row.components.map((b) => b.custom_id));
/** Lets a handler finish what it does after its reply (the staff post) before counting posts. */
const settle = () => new Promise((r) => setTimeout(r, 250));

let questionId: number;

describe('question log and feedback in Discord', () => {
  it('records /ask with source, server, channel, hashed user and latency, and puts 👍 👎 under the answer', async () => {
    const body = await callbackFor(ask('is mexico in nato'));
    const votes = customIds(body).filter((id) => id.startsWith('vote:'));
    expect(votes).toHaveLength(2);
    const [, id] = votes[0]!.split(':');
    questionId = Number(id);
    expect(votes).toEqual([`vote:${questionId}:up`, `vote:${questionId}:down`]);
    // Related-question buttons stay on their own row; no row holds more than 5 buttons.
    expect(body.data.components.length).toBeLessThanOrEqual(5);
    for (const row of body.data.components) expect(row.components.length).toBeLessThanOrEqual(5);

    const [row] = rows<Record<string, unknown>>('SELECT * FROM questions WHERE id = ?', questionId);
    expect(row).toMatchObject({
      source: 'discord',
      guild_id: fake.guildIds[0],
      channel_id: fake.channelId(0, 0),
      question: 'is mexico in nato',
      fact_id: 'nato-membership',
      answered: 1,
    });
    expect(row!.user_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(FAKE_USER.id);
    expect(row!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('records a 👎, confirms it privately with other questions, and tells the staff channel without pings', async () => {
    const since = staffPosts().length;
    const requestsBefore = fake.requests.length;
    const body = await callbackFor(fake.button(`vote:${questionId}:down`));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.content).toContain(FEEDBACK_TEXT.thanksDown.en);
    const alternatives = customIds(body);
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.every((id) => id.startsWith('fact:'))).toBe(true);
    expect(alternatives).not.toContain('fact:nato-membership:en');

    expect(rows('SELECT value FROM votes WHERE question_id = ?', questionId)).toEqual([{ value: -1 }]);

    const post = await fake.waitForRequest('POST', new RegExp(`^/channels/${feedbackChannel}/messages$`), {
      since: requestsBefore,
    });
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(post.body.embeds);
    expect(text).toContain('is mexico in nato');
    expect(text).toContain('nato-membership');
    expect(text).toContain('👎');
    expect(text).not.toContain(FAKE_USER.id);
    expect(staffPosts()).toHaveLength(since + 1);
  });

  it('does not post again when the same 👎 is clicked twice', async () => {
    const before = staffPosts().length;
    const body = await callbackFor(fake.button(`vote:${questionId}:down`));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    await settle();
    expect(staffPosts()).toHaveLength(before);
    expect(rows('SELECT value FROM votes WHERE question_id = ?', questionId)).toEqual([{ value: -1 }]);
  });

  it('changes the vote to 👍 in the same row, privately, without a staff post', async () => {
    const before = staffPosts().length;
    const body = await callbackFor(fake.button(`vote:${questionId}:up`));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.content).toBe(FEEDBACK_TEXT.thanksUp.en);
    expect(rows('SELECT value FROM votes WHERE question_id = ?', questionId)).toEqual([{ value: 1 }]);
    await settle();
    expect(staffPosts()).toHaveLength(before);
  });

  it('explains privately when a vote button points at a question no longer in the log', async () => {
    const body = await callbackFor(fake.button('vote:999999:down'));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.content).toBe(FEEDBACK_TEXT.voteExpired.en);
  });

  it('records a mention and gives its answer the vote buttons too', async () => {
    const since = fake.requests.length;
    const message = fake.message({ content: `<@${FAKE_BOT.id}> what is the usmca?`, mentions: [FAKE_BOT] });
    fake.post(message);
    const r = await fake.waitForRequest('POST', new RegExp(`^/channels/${message.channel_id}/messages$`), {
      since,
    });
    const ids = (r.body.components as { components: { custom_id: string }[] }[]).flatMap((row) =>
      row.components.map((b) => b.custom_id),
    );
    const vote = ids.find((id) => id.startsWith('vote:'));
    expect(vote).toBeDefined();
    const [row] = rows<{ question: string; source: string }>(
      'SELECT question, source FROM questions WHERE id = ?',
      Number(vote!.split(':')[1]),
    );
    expect(row).toEqual({ question: 'what is the usmca?', source: 'discord' });
  });

  it('shows /stats privately with the headline figures for this server', async () => {
    // A question the bot cannot answer, so there is a gap to show.
    await callbackFor(ask('what is the capital of mongolia'));
    const body = await callbackFor(fake.chatInput('stats'));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const embed = body.data.embeds[0];
    const asked = rows<{ n: number }>('SELECT count(*) AS n FROM questions')[0]!.n;
    expect(embed.description).toContain(`${FEEDBACK_TEXT.statsAsked.en}:** ${asked}`);
    expect(embed.description).toMatch(/Answer rate:\*\* \d+%/);
    const fields = Object.fromEntries(
      embed.fields.map((f: { name: string; value: string }) => [f.name, f.value]),
    );
    expect(fields[FEEDBACK_TEXT.statsTop.en]).toContain('is mexico in nato');
    expect(fields[FEEDBACK_TEXT.statsGaps.en]).toContain('mongolia');
    expect(fields[FEEDBACK_TEXT.statsDownvoted.en]).toBe(FEEDBACK_TEXT.statsNone.en);
    for (const f of embed.fields) expect(f.value.length).toBeLessThanOrEqual(1024);
  });
});
