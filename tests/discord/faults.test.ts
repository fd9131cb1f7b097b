// Faults against the fake Discord: rate limits (429, with and without the global flag), server errors
// (500, 503), connections reset around the reply, and a dropped gateway. The bot retries what is safe,
// gives up with a log line when it must, keeps serving, and never posts an answer twice. Flood control
// is on here, as in production, so each test asks as a different user.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordBot } from '../../src/discord/start.js';
import { Cooldowns } from '../../src/discord/cooldown.js';
import { SLOW_DOWN } from '../../src/discord/text.js';
import { startTestBot } from '../support/bot.js';
import { testBrain } from '../support/brain.js';
import { FAKE_BOT, FAKE_USER, FakeDiscord, type RecordedRequest } from '../support/fake-discord.js';

const CHANNEL_POST = /^\/channels\/\d+\/messages$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let fake: FakeDiscord;
let bot: DiscordBot;
let lines: Record<string, unknown>[];
let nextUser = 0;

beforeAll(async () => {
  fake = await FakeDiscord.start({ guilds: 1 });
  ({ bot, lines } = await startTestBot(fake, {}, testBrain(), { cooldown: new Cooldowns() }));
});

afterAll(async () => {
  await bot?.stop();
  await fake.close();
  expect(fake.openConnections()).toBe(0);
});

/** A new user mentions the bot with a question; returns the message. */
function mention(question: string, author = { ...FAKE_USER, id: `11000000000000${1000 + nextUser++}` }) {
  const message = fake.message({ content: `<@${FAKE_BOT.id}> ${question}`, mentions: [FAKE_BOT], author });
  fake.post(message);
  return message;
}

/** Every POST the bot sent in reply to this message, whatever its outcome. */
const repliesTo = (id: string): RecordedRequest[] =>
  fake.sent('POST', CHANNEL_POST).filter((r) => r.body?.message_reference?.message_id === id);
/** Replies that created a message in the channel (a deduplicated retry creates none). */
const created = (id: string) => repliesTo(id).filter((r) => r.status === 200 && !r.duplicate);

async function settled(id: string, count = 1): Promise<void> {
  await fake.waitFor(() => (created(id).length >= count ? true : undefined), 8_000, `reply to ${id}`);
  await sleep(150); // long enough for a duplicate to show up if there were one
}

describe('flood control end to end', () => {
  it('answers a question sent ten times by one person once, with one short notice', async () => {
    const author = { ...FAKE_USER, id: '1100000000000000777' };
    const sent = Array.from({ length: 10 }, () => mention('is mexico in nato', author));
    await fake.waitFor(
      () => (sent.reduce((n, m) => n + created(m.id).length, 0) >= 2 ? true : undefined),
      5_000,
      'an answer and a notice',
    );
    await sleep(300);
    const replies = sent.flatMap((m) => created(m.id));
    expect(replies).toHaveLength(2);
    expect(replies.filter((r) => r.body.embeds?.length)).toHaveLength(1);
    expect(replies.filter((r) => r.body.content === SLOW_DOWN.repeat.en)).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'Question held back')).toHaveLength(9);
  });

  it('answers two different people asking at once in the same channel', async () => {
    const [a, b] = [mention('is mexico in nato'), mention('is mexico in nato')];
    await settled(a.id);
    await settled(b.id);
    expect(created(a.id)[0]!.body.embeds[0].description).toMatch(/^Mexico is not a member/);
    expect(created(b.id)[0]!.body.embeds[0].description).toMatch(/^Mexico is not a member/);
  });
});

describe('REST faults on the reply', () => {
  it('waits out a 429 (not global) and replies once', async () => {
    fake.failNext(
      'POST',
      CHANNEL_POST,
      429,
      { message: 'You are being rate limited.', retry_after: 0.2, global: false },
      {
        'retry-after': '0.2',
        'x-ratelimit-scope': 'user',
      },
    );
    const m = mention('is mexico in the usmca');
    await settled(m.id);
    expect(repliesTo(m.id).map((r) => r.status)).toEqual([429, 200]);
  });

  it('waits out a global 429 and replies once', async () => {
    fake.failNext(
      'POST',
      CHANNEL_POST,
      429,
      { message: 'You are being rate limited.', retry_after: 0.2, global: true },
      {
        'retry-after': '0.2',
        'x-ratelimit-global': 'true',
        'x-ratelimit-scope': 'global',
      },
    );
    const m = mention('is mexico in the united nations');
    await settled(m.id);
    expect(repliesTo(m.id).map((r) => r.status)).toEqual([429, 200]);
  });

  it('retries a 503 and replies once', async () => {
    fake.failNext('POST', CHANNEL_POST, 503, { message: 'Service Unavailable', code: 0 });
    const m = mention('is mexico in the oas');
    await settled(m.id);
    expect(repliesTo(m.id).map((r) => r.status)).toEqual([503, 200]);
  });

  it('gives up after repeated 500s with a log line, and keeps serving', async () => {
    fake.failNext('POST', CHANNEL_POST, 500, { message: 'Internal Server Error', code: 0 }, {}, 4);
    const m = mention('is mexico in the g20');
    const failed = await fake.waitFor(
      () => lines.find((l) => l.msg === 'Could not reply to a message' && l.messageId === m.id),
      8_000,
      'the give-up log line',
    );
    expect(failed).toMatchObject({ level: 50, channelId: m.channel_id });
    expect(repliesTo(m.id).map((r) => r.status)).toEqual([500, 500, 500, 500]);
    const next = mention('is mexico in nato');
    await settled(next.id);
  });

  it('retries a reply whose connection was reset before Discord saw it, and replies once', async () => {
    fake.resetNext('POST', CHANNEL_POST);
    const m = mention('is mexico in the oecd');
    await settled(m.id);
    expect(repliesTo(m.id).map((r) => r.status)).toEqual([-1, 200]);
  });

  it('does not post twice when the connection is reset after Discord created the reply', async () => {
    fake.resetNext('POST', CHANNEL_POST, { after: true });
    const m = mention('is mexico in the wto');
    await fake.waitFor(() => (repliesTo(m.id).length >= 2 ? true : undefined), 5_000, 'the retry');
    await sleep(150);
    const all = repliesTo(m.id);
    expect(all).toHaveLength(2);
    expect(all[1]!.duplicate).toBe(true);
    expect(created(m.id)).toHaveLength(1);
  });
});

describe('faults on a slash command reply', () => {
  const ask = (value: string) =>
    fake.chatInput('ask', [{ type: ApplicationCommandOptionType.String, name: 'question', value }]);
  const callbacks = (id: string) => fake.sent('POST', new RegExp(`^/interactions/${id}/[^/]+/callback$`));

  it('retries an /ask reply whose connection was reset before Discord saw it', async () => {
    fake.resetNext('POST', /^\/interactions\//);
    const i = ask('is mexico in nato');
    fake.interact(i);
    await fake.waitFor(() => (callbacks(i.id).some((r) => r.status === 204) ? true : undefined));
    await sleep(150);
    expect(callbacks(i.id).map((r) => r.status)).toEqual([-1, 204]);
    expect(callbacks(i.id)[1]!.body.data.embeds[0].description).toMatch(/^Mexico is not a member/);
  });

  it('answers /ask once when the connection is reset after Discord took the reply', async () => {
    fake.resetNext('POST', /^\/interactions\//, { after: true });
    const i = ask('is mexico in the usmca');
    fake.interact(i);
    await fake.waitFor(() => (callbacks(i.id).length >= 2 ? true : undefined));
    await sleep(150);
    // The retry is refused as already acknowledged: one answer, no apology on top.
    expect(callbacks(i.id).map((r) => r.status)).toEqual([204, 400]);
    expect(fake.sent('POST', new RegExp(`^/webhooks/\\d+/${i.token}`))).toHaveLength(0);
  });
});

describe('gateway faults', () => {
  it('resumes after the gateway connection drops, then answers once', async () => {
    const resumes = fake.resumes.length;
    fake.dropGateway();
    await fake.waitFor(() => (fake.liveSessions() === 1 ? true : undefined), 8_000, 'the resume');
    expect(fake.resumes.length).toBe(resumes + 1);
    const m = mention('is mexico in nato');
    await settled(m.id);
    expect(repliesTo(m.id)).toHaveLength(1);
  });
});
