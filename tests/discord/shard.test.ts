// npm run start:sharded against a fake Discord that recommends 2 shards: both shards identify with
// their own shard id, and an interaction on either is answered.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnDelay } from '../../src/discord/sharding.js';
import { REALISTIC_TOKEN, TOKEN_PARTS } from '../support/bot.js';
import { FakeDiscord } from '../support/fake-discord.js';
import { runTs, type Child } from '../support/spawn.js';

let fake: FakeDiscord;
let manager: Child | undefined;

beforeAll(async () => {
  fake = await FakeDiscord.start({ guilds: 4, shards: 2, maxConcurrency: 16 });
});

afterAll(async () => {
  manager?.process.kill('SIGKILL');
  await fake.close();
  expect(fake.openConnections()).toBe(0);
});

describe('start:sharded', () => {
  it('spreads shard launches by the session start limit', () => {
    expect(spawnDelay(1)).toBe(5_500);
    expect(spawnDelay(16)).toBe(344);
  });

  it("starts Discord's recommended 2 shards, which both identify, and one answers", async () => {
    manager = runTs('src/shard.ts', {
      DISCORD_TOKEN: REALISTIC_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      SHARD_COUNT: 'auto',
      // Every line of the manager and of both shards, discord.js' own chatter included.
      LOG_LEVEL: 'trace',
    });
    const m = manager;
    await fake.waitFor(
      () => (m.stderr().includes('All shards ready') ? true : undefined),
      30_000,
      'both shards',
    );
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const readies = () => m.stderr().match(/"msg":"Discord ready"/g)?.length ?? 0;
    await fake.waitFor(() => (readies() === 2 ? true : undefined), 3_000, 'two ready lines');

    const guildOnShard1 = fake.guildIds.find((id) => fake.shardOf(id) === 1)!;
    const interaction = fake.chatInput(
      'ask',
      [{ type: ApplicationCommandOptionType.String, name: 'question', value: 'is mexico in nato' }],
      { guildId: guildOnShard1 },
    );
    fake.interact(interaction);
    const r = await fake.waitForRequest('POST', new RegExp(`^/interactions/${interaction.id}/`));
    expect(r.body.data.embeds[0].description).toMatch(/^Mexico is not a member/);

    m.process.kill('SIGTERM');
    expect(await m.exited(20_000)).toBe(0);
    // The manager hands the token to each shard; neither it nor the shards ever print any part of it.
    const all = m.stdout() + m.stderr();
    expect(all).toContain('"source":"discord.js"');
    for (const part of TOKEN_PARTS) expect(all).not.toContain(part);
    await fake.waitFor(
      () => (fake.gatewayConnections() === 0 ? true : undefined),
      3_000,
      'gateways to close',
    );
  });
});
