// Slow answers are deferred then edited in; /reload swaps the knowledge base for moderators and
// refuses a bad one; the bot keeps answering throughout.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationCommandOptionType, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reload } from '../../src/discord/commands/reload.js';
import type { DiscordBot } from '../../src/discord/start.js';
import { openLiveKnowledge, type LiveKnowledge } from '../../src/startup/live.js';
import { memoryLogger, startTestBot } from '../support/bot.js';
import { FakeDiscord } from '../support/fake-discord.js';

let fake: FakeDiscord;
let bot: DiscordBot;
let dir: string;
let live: LiveKnowledge;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  cpSync('knowledge', dir, { recursive: true });
  live = openLiveKnowledge(dir, memoryLogger().logger);
  fake = await FakeDiscord.start();
  // deferAfterMs 0: every /ask takes the slow path, so defer + edit is exercised end to end.
  ({ bot } = await startTestBot(fake, {}, live.brain, {
    cooldown: false,
    deferAfterMs: 0,
    reload: (trigger) => live.reload(trigger),
  }));
});

afterAll(async () => {
  await bot?.stop();
  await fake.close();
  live?.close();
  rmSync(dir, { recursive: true, force: true });
  expect(fake.openConnections()).toBe(0);
});

const ask = (value: string, extra: { private?: boolean } = {}) =>
  fake.chatInput('ask', [
    { type: ApplicationCommandOptionType.String, name: 'question', value },
    ...(extra.private
      ? [{ type: ApplicationCommandOptionType.Boolean as const, name: 'private', value: true }]
      : []),
  ]);

async function deferredAnswer(interaction: ReturnType<typeof ask>) {
  const since = fake.requests.length;
  fake.interact(interaction);
  const edit = await fake.waitForRequest(
    'PATCH',
    new RegExp(`^/webhooks/\\d+/${interaction.token}/messages/`),
    {
      since,
    },
  );
  const callbacks = fake.sent('POST', new RegExp(`^/interactions/${interaction.id}/`));
  return { callbacks, edit };
}

describe('slow answers', () => {
  it('defers within the window, then edits the answer in (once)', async () => {
    const { callbacks, edit } = await deferredAnswer(ask('is mexico in nato'));
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(edit.body.embeds[0].description).toMatch(/^Mexico is not a member/);
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('keeps a private answer private when deferring', async () => {
    const { callbacks } = await deferredAnswer(ask('is mexico in nato', { private: true }));
    expect(callbacks[0]!.body.data.flags).toBe(MessageFlags.Ephemeral);
  });
});

describe('/reload', () => {
  it('is for moderators only (Manage Server) and only in servers', () => {
    expect(reload.data.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(reload.data.contexts).toEqual([0]);
  });

  it('reloads an edited knowledge base, and refuses a broken one while the old one keeps answering', async () => {
    const file = join(dir, 'security.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Mexico is not a member', 'Mexico is no member'));
    const ok = fake.chatInput('reload');
    fake.interact(ok);
    const r = await fake.waitForRequest('POST', new RegExp(`^/interactions/${ok.id}/`));
    expect(r.body.data).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(r.body.data.content).toMatch(/^Knowledge base reloaded: \d+ facts/);
    expect((await deferredAnswer(ask('is mexico in nato'))).edit.body.embeds[0].description).toMatch(
      /^Mexico is no member/,
    );

    writeFileSync(join(dir, 'broken.yaml'), 'topic: nowhere\nfacts: []\n');
    const bad = fake.chatInput('reload');
    fake.interact(bad);
    const refused = await fake.waitForRequest('POST', new RegExp(`^/interactions/${bad.id}/`));
    expect(refused.body.data.content).toMatch(/NOT reloaded[\s\S]*broken\.yaml/);
    expect((await deferredAnswer(ask('is mexico in nato'))).edit.body.embeds[0].description).toMatch(
      /^Mexico is no member/,
    );
  });
});
