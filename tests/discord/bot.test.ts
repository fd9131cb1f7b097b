// The bot end to end: the real discord.js client, logged in to a fake Discord on 127.0.0.1, answering
// with the real brain. Every assertion is about what the bot SENT to the REST API.
import { ApplicationCommandOptionType, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../support/brain.js';
import type { DiscordBot } from '../../src/discord/start.js';
import { startTestBot } from '../support/bot.js';
import { FAKE_BOT, FAKE_USER, FakeDiscord, OTHER_BOT } from '../support/fake-discord.js';

const ARTICLE = 'https://www.jluggage.com/blog/world/is-mexico-in-nato/';
const str = (name: string, value: string) => ({
  type: ApplicationCommandOptionType.String as const,
  name,
  value,
});

let fake: FakeDiscord;
let bot: DiscordBot;
let lines: Record<string, unknown>[];

beforeAll(async () => {
  fake = await FakeDiscord.start({ guilds: 1 });
  ({ bot, lines } = await startTestBot(fake, { ANSWER_CHANNEL_IDS: fake.channelId(0, 1) }));
});

afterAll(async () => {
  await bot?.stop();
  expect(fake.gatewayConnections()).toBe(0);
  await fake.close();
  expect(fake.openConnections()).toBe(0);
});

const callbackFor = (interaction: ReturnType<FakeDiscord['chatInput']>) =>
  fake.interactAndAwaitCallback(interaction);

describe('the Discord bot against a fake Discord', () => {
  it('logs a health line at ready with servers, shards, facts and commands', () => {
    const ready = lines.find((l) => l.msg === 'Discord ready');
    expect(ready).toMatchObject({ servers: 1, shards: [0], commands: commands.length, messageContent: true });
    expect(ready?.facts).toBeGreaterThan(10);
  });

  it("answers /ask 'is mexico in nato' with an embed carrying the source address", async () => {
    const body = await callbackFor(fake.chatInput('ask', [str('question', 'is mexico in nato')]));
    expect(body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const embed = body.data.embeds[0];
    expect(embed.description).toMatch(/^Mexico is not a member/);
    expect(JSON.stringify(embed.fields)).toContain(ARTICLE);
    expect(body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.data.flags ?? 0).toBe(0);
  });

  it('answers /ask privately when private is true, in the language of the question', async () => {
    const body = await callbackFor(
      fake.chatInput(
        'ask',
        [
          str('question', '¿México está en la OTAN?'),
          { type: ApplicationCommandOptionType.Boolean, name: 'private', value: true },
        ],
        {
          locale: 'es-ES',
        },
      ),
    );
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.embeds[0].description).toMatch(/^México no es miembro/);
  });

  it('answers autocomplete with ranked choices, and pinned ones for empty input', async () => {
    const typed = await callbackFor(fake.autocomplete('ask', 'question', 'usmca'));
    expect(typed.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(typed.data.choices.length).toBeGreaterThan(0);
    expect(typed.data.choices.length).toBeLessThanOrEqual(25);
    expect(typed.data.choices[0].name).toMatch(/USMCA/);
    for (const c of typed.data.choices) expect(c.name.length).toBeLessThanOrEqual(100);

    const empty = await callbackFor(fake.autocomplete('ask', 'question', ''));
    expect(empty.data.choices.map((c: { name: string }) => c.name)).toContain('Is Mexico a member of NATO?');
  });

  it('answers a mention in the channel without pinging anyone', async () => {
    const since = fake.requests.length;
    const message = fake.message({
      content: `<@${FAKE_BOT.id}> why is mexico not in nato?`,
      mentions: [FAKE_BOT],
    });
    fake.post(message);
    const r = await fake.waitForRequest('POST', new RegExp(`^/channels/${message.channel_id}/messages$`), {
      since,
    });
    expect(r.body.message_reference.message_id).toBe(message.id);
    expect(r.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(r.body.embeds[0].description).toMatch(/North Atlantic/);
  });

  it('reads a reply to its answer, without a ping, as a follow-up of the question answered', async () => {
    let since = fake.requests.length;
    const question = fake.message({ content: `<@${FAKE_BOT.id}> is mexico in nato?`, mentions: [FAKE_BOT] });
    fake.post(question);
    const answered = await fake.waitForRequest(
      'POST',
      new RegExp(`^/channels/${question.channel_id}/messages$`),
      {
        since,
      },
    );
    since = fake.requests.length;
    // "what about Canada?" asks whether Canada is in NATO: declined, never the USMCA fact.
    const followUp = fake.message({ content: 'what about Canada?', replyTo: answered.response.id });
    fake.post(followUp);
    const r = await fake.waitForRequest('POST', new RegExp(`^/channels/${followUp.channel_id}/messages$`), {
      since,
    });
    expect(r.body.message_reference.message_id).toBe(followUp.id);
    expect(r.body.embeds[0].description).toMatch(/nothing that answers this about NATO and Canada/);
    expect(r.body.embeds[0].description).not.toMatch(/USMCA/);
    // And a reply to that answer continues the same conversation: whether Canada is in the WTO.
    since = fake.requests.length;
    const again = fake.message({ content: 'and the WTO?', replyTo: r.response.id });
    fake.post(again);
    const wto = await fake.waitForRequest('POST', new RegExp(`^/channels/${again.channel_id}/messages$`), {
      since,
    });
    expect(wto.body.embeds[0].description).toMatch(/about (Canada and WTO|WTO and Canada)/);
  });

  it('answers a direct message', async () => {
    const since = fake.requests.length;
    const message = fake.message({
      content: 'what is the usmca?',
      guildId: null,
      channelId: '1100000000000000901',
    });
    fake.dispatch('MESSAGE_CREATE', message);
    const r = await fake.waitForRequest('POST', /^\/channels\/1100000000000000901\/messages$/, { since });
    expect(r.body.embeds[0].description).toMatch(/USMCA|United States/);
  });

  it('in an opted-in channel answers only confident questions, and never bots', async () => {
    const since = fake.requests.length;
    const channelId = fake.channelId(0, 1);
    fake.post(fake.message({ content: 'what do you all think about lunch today', channelId }));
    fake.post(fake.message({ content: 'is mexico in nato?', channelId, author: OTHER_BOT }));
    fake.post(fake.message({ content: 'is mexico in nato?', channelId, author: FAKE_BOT }));
    fake.post(fake.message({ content: 'is mexico in nato?', channelId: fake.channelId(0, 2) }));
    const confident = fake.message({ content: 'Is Mexico a member of NATO?', channelId });
    fake.post(confident);
    // Messages are handled in order, so once the last one is answered the others were passed over.
    const r = await fake.waitForRequest('POST', /^\/channels\/\d+\/messages$/, { since });
    expect(r.body.message_reference.message_id).toBe(confident.id);
    expect(
      fake.sent('POST', /^\/channels\/\d+\/messages$/).filter((x) => fake.requests.indexOf(x) >= since),
    ).toHaveLength(1);
  });

  it('answers a related-question button with that fact, publicly', async () => {
    const first = await callbackFor(fake.chatInput('ask', [str('question', 'is mexico in nato')]));
    const button = first.data.components[0].components.find(
      (b: { custom_id: string }) => b.custom_id === 'fact:nato-why-not:en',
    );
    expect(button).toBeDefined();
    const body = await callbackFor(fake.button(button.custom_id));
    expect(body.data.embeds[0].title).toBe('Why is Mexico not in NATO?');
    expect(body.data.flags ?? 0).toBe(0);
  });

  it('answers an unknown fact button with a short private explanation', async () => {
    const body = await callbackFor(fake.button('fact:no-such-fact:en'));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.content).toMatch(/no longer in my knowledge base/);
  });

  it('answers the "Ask the bot about this message" command with a link to that message', async () => {
    const target = fake.message({ content: 'Is Mexico part of the Pacific Alliance?' });
    const body = await callbackFor(fake.messageCommand('Ask the bot about this message', target));
    expect(body.data.content).toContain(target.id);
    expect(body.data.embeds[0].description).toMatch(/Pacific Alliance/);
  });

  it('lists every registered command in /help', async () => {
    const body = await callbackFor(fake.chatInput('help'));
    const text = body.data.embeds[0].description as string;
    for (const c of commands) expect(text).toContain(c.data.name);
  });

  it('answers /nato with the membership fact and the reason', async () => {
    const body = await callbackFor(fake.chatInput('nato'));
    expect(body.data.embeds.map((e: { title: string }) => e.title)).toEqual([
      'Is Mexico a member of NATO?',
      'Why is Mexico not in NATO?',
    ]);
  });

  it('answers /alliances grouped by topic, and one topic with sources', async () => {
    const all = await callbackFor(fake.chatInput('alliances'));
    const names = all.data.embeds[0].fields.map((f: { name: string }) => f.name);
    expect(names).toContain('Economy and trade');
    expect(names).toContain('Security and NATO');
    const one = await callbackFor(fake.chatInput('alliances', [str('topic', 'trade')]));
    expect(one.data.embeds[0].title).toBe('Economy and trade');
    expect(JSON.stringify(one.data.embeds[0].fields)).toContain('https://');
  });

  it('answers /sources with the article', async () => {
    const body = await callbackFor(fake.chatInput('sources'));
    expect(body.data.embeds[0].description).toContain(ARTICLE);
  });

  it('retries a 429 on the interaction callback and answers exactly once', async () => {
    fake.failNext(
      'POST',
      /\/callback$/,
      429,
      { message: 'You are being rate limited.', retry_after: 0.2, global: false },
      { 'retry-after': '0.2' },
    );
    const interaction = fake.chatInput('ask', [str('question', 'is mexico in nato')]);
    const since = fake.requests.length;
    await callbackFor(interaction);
    const calls = fake.requests
      .slice(since)
      .filter((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
    expect(calls.map((r) => r.status)).toEqual([429, 204]);
  });

  it('resumes after the gateway closes with 4000 and keeps answering', async () => {
    const resumes = fake.resumes.length;
    fake.closeGateway(4000);
    await fake.waitFor(
      () => (fake.resumes.length > resumes && fake.liveSessions() === 1 ? true : undefined),
      5_000,
      'a resume',
    );
    expect(fake.identifies).toHaveLength(1);
    const body = await callbackFor(fake.chatInput('ask', [str('question', 'what is the usmca')]));
    expect(body.data.embeds[0].description).toMatch(/USMCA|United States/);
  });

  it('never answers the user that spoke with a ping', () => {
    // Every reply the bot sent in this file carried allowed_mentions with nothing to parse.
    const replies = fake.requests.filter(
      (r) => r.method === 'POST' && r.status < 400 && r.body?.data?.embeds,
    );
    expect(replies.length).toBeGreaterThan(5);
    for (const r of replies) expect(r.body.data.allowed_mentions?.parse ?? []).toEqual([]);
    expect(FAKE_USER.id).toBeDefined();
  });
});
