// /settings end to end: the real bot against a fake Discord with two servers, the settings in a real
// SQLite file. Each server's moderators change their own settings; the other server never sees them,
// messages follow them at once, they survive a restart, and leaving a server deletes them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApplicationCommandOptionType,
  GatewayDispatchEvents,
  MessageFlags,
  PermissionFlagsBits,
  type APIApplicationCommandInteractionDataOption,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuestionLog, type QuestionLog } from '../../src/analytics/index.js';
import { loadConfig } from '../../src/config.js';
import { SETTINGS_TEXT } from '../../src/discord/commands/settings.js';
import type { DiscordBot } from '../../src/discord/start.js';
import { defaultSettings, openGuildSettings, type SqliteGuildSettings } from '../../src/settings/store.js';
import { memoryLogger, startTestBot } from '../support/bot.js';
import { testBrain } from '../support/brain.js';
import { FAKE_BOT, FakeDiscord } from '../support/fake-discord.js';

let fake: FakeDiscord;
let bot: DiscordBot | undefined;
let settings: SqliteGuildSettings | undefined;
let log: QuestionLog;
let folder: string;
let dbPath: string;
let guildA: string;
let guildB: string;
/** The environment's defaults: one answer channel in server A, a staff channel in server A. */
let env: Record<string, string>;

async function startBot(): Promise<void> {
  const config = loadConfig(env);
  settings = openGuildSettings(dbPath, defaultSettings(config));
  ({ bot } = await startTestBot(fake, env, testBrain(), { questionLog: log, settings }));
}

async function stopBot(): Promise<void> {
  await bot?.stop();
  settings?.close();
  bot = undefined;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'settings-test-'));
  dbPath = join(folder, 'bot.db');
  fake = await FakeDiscord.start({ guilds: 2, channelsPerGuild: 4 });
  [guildA, guildB] = fake.guildIds as [string, string];
  env = {
    DATABASE_PATH: dbPath,
    ANSWER_CHANNEL_IDS: fake.channelId(0, 0),
    FEEDBACK_CHANNEL_ID: fake.channelId(0, 3),
  };
  log = openQuestionLog(loadConfig(env), memoryLogger().logger);
  await startBot();
});

afterAll(async () => {
  await stopBot();
  log?.close();
  await fake?.close();
  expect(fake.openConnections()).toBe(0);
  rmSync(folder, { recursive: true, force: true });
});

const MANAGE_ONLY_MESSAGES = String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);

function channelOption(id: string): APIApplicationCommandInteractionDataOption {
  return { type: ApplicationCommandOptionType.Channel, name: 'channel', value: id };
}

/** Runs /settings <sub> in a server and returns the bot's reply (content and flags). */
async function settingsCommand(
  guildId: string,
  sub: string,
  options: APIApplicationCommandInteractionDataOption[] = [],
  permissions?: string,
): Promise<{ content: string; flags: number }> {
  const interaction = fake.chatInput(
    'settings',
    [{ type: ApplicationCommandOptionType.Subcommand, name: sub, options } as never],
    { guildId, ...(permissions ? { permissions } : {}) },
  );
  const body = await fake.interactAndAwaitCallback(interaction);
  return body.data;
}

/**
 * Posts `content` unasked in a channel, then a mention in the same channel (always answered), and
 * returns the bot's reply to the first one, or undefined when it stayed quiet. The bot handles the
 * gateway's events in order, so once the mention is answered the first message has been decided.
 */
async function unasked(guildId: string, channelId: string, content: string) {
  const first = fake.message({ content, guildId, channelId });
  fake.post(first);
  const probe = fake.message({
    content: `<@${FAKE_BOT.id}> what is nato`,
    guildId,
    channelId,
    mentions: [FAKE_BOT],
  });
  fake.post(probe);
  const repliesTo = (id: string) =>
    fake
      .sent('POST', new RegExp(`^/channels/${channelId}/messages$`))
      .find((r) => r.body?.message_reference?.message_id === id);
  await fake.waitFor(() => repliesTo(probe.id), 5_000, 'the reply to the mention');
  return repliesTo(first.id)?.body;
}

const QUESTION = 'Is Mexico in NATO?';
/** The brain answers this with a confidence of about 0.6: below the default 0.75 to speak unasked. */
const LESS_SURE = "What are NATO's main areas of activity?";

describe('/settings', () => {
  it('shows the defaults from the environment privately, each marked as the default', async () => {
    const reply = await settingsCommand(guildA, 'view');
    expect(reply.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(reply.content).toContain(SETTINGS_TEXT.title.en);
    expect(reply.content).toContain(`<#${fake.channelId(0, 0)}>`);
    expect(reply.content).toContain(`<#${fake.channelId(0, 3)}>`);
    expect(reply.content).not.toContain(SETTINGS_TEXT.own.en);
  });

  it('refuses a member without Manage Server, even when Discord shows them the command', async () => {
    const reply = await settingsCommand(
      guildA,
      'threads',
      [{ type: 5, name: 'value', value: true }],
      MANAGE_ONLY_MESSAGES,
    );
    expect(reply.content).toBe(SETTINGS_TEXT.needsManageServer.en);
    expect(settings!.changed(guildA).size).toBe(0);
  });

  it('answers a confidence outside 0.55..1 with a short explanation and changes nothing', async () => {
    const reply = await settingsCommand(guildA, 'confidence', [{ type: 10, name: 'value', value: 2 }]);
    expect(reply.content).toBe(SETTINGS_TEXT.badConfidence.en);
    expect(settings!.changed(guildA).size).toBe(0);
  });

  it('adds an answer channel in server B only: B answers there unasked, A does not change', async () => {
    const channelB = fake.channelId(1, 1);
    expect(await unasked(guildB, channelB, QUESTION)).toBeUndefined();
    const reply = await settingsCommand(guildB, 'answer-channel', [
      { type: ApplicationCommandOptionType.String, name: 'action', value: 'add' },
      channelOption(channelB),
    ]);
    expect(reply.content).toContain(SETTINGS_TEXT.saved.en);
    expect(reply.content).toContain(`<#${channelB}>`);

    const answered = await unasked(guildB, channelB, QUESTION);
    expect(answered?.embeds[0].description).toMatch(/^Mexico is not a member/);
    // Server A still has only its default channel, and its view does not mention B's channel.
    const viewA = await settingsCommand(guildA, 'view');
    expect(viewA.content).not.toContain(channelB);
    expect(await unasked(guildA, fake.channelId(0, 0), QUESTION)).toBeDefined();
  });

  it('refuses a channel of another server as an answer channel', async () => {
    const reply = await settingsCommand(guildB, 'answer-channel', [
      { type: ApplicationCommandOptionType.String, name: 'action', value: 'add' },
      channelOption(fake.channelId(0, 2)),
    ]);
    expect(reply.content).toBe(SETTINGS_TEXT.notTextChannel.en);
  });

  it('lowers the confidence needed to speak unasked in one server', async () => {
    const channelA = fake.channelId(0, 0);
    expect(await unasked(guildA, channelA, LESS_SURE)).toBeUndefined();
    await settingsCommand(guildA, 'confidence', [{ type: 10, name: 'value', value: 0.55 }]);
    expect((await unasked(guildA, channelA, LESS_SURE))?.embeds[0]).toBeDefined();
    // Server B keeps the default.
    expect(await unasked(guildB, fake.channelId(1, 1), LESS_SURE)).toBeUndefined();
  });

  it("answers in Spanish when a server's language is Spanish and the question could be either", async () => {
    const channelB = fake.channelId(1, 1);
    const before = await unasked(guildB, channelB, 'USMCA');
    expect(before?.embeds[0].description).toMatch(/United States/);
    await settingsCommand(guildB, 'language', [{ type: 3, name: 'value', value: 'es' }]);
    const after = await unasked(guildB, channelB, 'USMCA');
    expect(after?.embeds[0].description).toMatch(/Estados Unidos/);
  });

  it('answers in threads of an answer channel only when the server turns it on', async () => {
    const thread = fake.createThread(guildB, fake.channelId(1, 1));
    await fake.waitFor(
      () => (bot!.client.channels.cache.has(thread) ? true : undefined),
      2_000,
      'the thread',
    );
    expect(await unasked(guildB, thread, QUESTION)).toBeUndefined();
    await settingsCommand(guildB, 'threads', [{ type: 5, name: 'value', value: true }]);
    expect(await unasked(guildB, thread, QUESTION)).toBeDefined();
  });

  it("sends a 👎 to the server's own staff channel once it has one", async () => {
    const staff = fake.channelId(0, 2);
    await settingsCommand(guildA, 'staff-channel', [channelOption(staff)]);
    expect(settings!.staffChannelFor(guildA)).toBe(staff);
    expect(settings!.staffChannelFor(guildB)).toBe(fake.channelId(0, 3)); // B: the default
    const ask = fake.chatInput('ask', [{ type: 3, name: 'question', value: QUESTION }], { guildId: guildA });
    const answer = await fake.interactAndAwaitCallback(ask);
    const voteId = (answer.data.components as { components: { custom_id: string }[] }[])
      .flatMap((row) => row.components.map((b) => b.custom_id))
      .find((id) => id.endsWith(':down'))!;
    await fake.interactAndAwaitCallback(fake.button(voteId));
    const post = await fake.waitForRequest('POST', new RegExp(`^/channels/${staff}/messages$`));
    expect(JSON.stringify(post.body)).toContain(QUESTION);
    expect(fake.sent('POST', new RegExp(`^/channels/${fake.channelId(0, 3)}/messages$`))).toHaveLength(0);
  });

  it('keeps every setting across a restart', async () => {
    await stopBot();
    await startBot();
    const viewB = await settingsCommand(guildB, 'view');
    expect(viewB.content).toContain(`<#${fake.channelId(1, 1)}>`);
    expect(viewB.content).toContain('es');
    expect(settings!.for(guildA).channelConfidence).toBe(0.55);
    expect(await unasked(guildB, fake.channelId(1, 1), QUESTION)).toBeDefined();
  });

  it('puts one server back to the defaults with reset, leaving the other as it was', async () => {
    const reply = await settingsCommand(guildA, 'reset');
    expect(reply.content).toContain(SETTINGS_TEXT.resetDone.en);
    expect(settings!.changed(guildA).size).toBe(0);
    expect(settings!.changed(guildB).size).toBeGreaterThan(0);
  });

  it("deletes a server's settings when the bot leaves it (not when it is only unavailable)", async () => {
    fake.dispatch(GatewayDispatchEvents.GuildDelete, { id: guildB, unavailable: true }, guildB);
    const mentionA = fake.message({
      content: `<@${FAKE_BOT.id}> what is nato`,
      guildId: guildA,
      mentions: [FAKE_BOT],
    });
    fake.post(mentionA);
    await fake.waitFor(
      () =>
        fake
          .sent('POST', /^\/channels\/\d+\/messages$/)
          .find((r) => r.body?.message_reference?.message_id === mentionA.id),
      5_000,
      'a later event',
    );
    expect(settings!.changed(guildB).size).toBeGreaterThan(0); // an outage keeps them

    fake.dispatch(GatewayDispatchEvents.GuildCreate, fake.guildCreate(guildB, 1), guildB);
    await fake.waitFor(
      () => (bot!.client.guilds.cache.get(guildB)?.available ? true : undefined),
      2_000,
      'B back',
    );
    fake.dispatch(GatewayDispatchEvents.GuildDelete, { id: guildB }, guildB);
    await fake.waitFor(() => (settings!.changed(guildB).size === 0 ? true : undefined), 2_000, 'B forgotten');
    expect(settings!.for(guildB).answerChannelIds).toEqual([fake.channelId(0, 0)]); // the defaults again
  });
});
