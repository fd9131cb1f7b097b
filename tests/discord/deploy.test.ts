// deploy-commands sends every command definition in one bulk PUT, to a guild or globally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { commandDefinitions } from '../../src/discord/commands/index.js';
import { commands } from '../support/brain.js';
import { DEPLOY_ERRORS, deployCommands } from '../../src/discord/deploy.js';
import { TEST_TOKEN } from '../support/bot.js';
import { FAKE_APP_ID, FakeDiscord } from '../support/fake-discord.js';
import { runTs } from '../support/spawn.js';
import { STARTUP_ERRORS } from '../../src/startup-errors.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake.close();
  expect(fake.openConnections()).toBe(0);
});

const GUILD = '1200000000000000000';
const env = (extra: Record<string, string> = {}) => ({
  DISCORD_TOKEN: TEST_TOKEN,
  DISCORD_CLIENT_ID: FAKE_APP_ID,
  DISCORD_API_URL: fake.apiUrl,
  ...extra,
});

describe('deploy-commands', () => {
  it('sends every command definition to the guild with one PUT, and re-running sends the same', async () => {
    const config = loadConfig(env({ DISCORD_GUILD_ID: GUILD }));
    const first = await deployCommands(config, commands);
    await deployCommands(config, commands);
    const puts = fake.sent('PUT', new RegExp(`^/applications/${FAKE_APP_ID}/guilds/${GUILD}/commands$`));
    expect(puts).toHaveLength(2);
    expect(puts[0]?.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions(commands))));
    expect(puts[1]?.body).toEqual(puts[0]?.body);
    expect(puts[0]?.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
    expect(first.names).toEqual(commands.map((c) => c.data.name));
  });

  it('registers globally when no guild is set', async () => {
    const result = await deployCommands(loadConfig(env()), commands);
    expect(result.scope).toBe('global');
    expect(fake.sent('PUT', new RegExp(`^/applications/${FAKE_APP_ID}/commands$`))).toHaveLength(1);
  });

  it('says clearly what is missing without a token or an application id', async () => {
    await expect(deployCommands(loadConfig({ DISCORD_CLIENT_ID: FAKE_APP_ID }), commands)).rejects.toThrow(
      DEPLOY_ERRORS.noToken,
    );
    await expect(deployCommands(loadConfig({ DISCORD_TOKEN: TEST_TOKEN }), commands)).rejects.toThrow(
      DEPLOY_ERRORS.noClientId,
    );
  });

  it('runs as a script: prints what it registered, and exits 1 with the reason when misconfigured', async () => {
    const ok = runTs('scripts/deploy-commands.ts', env({ DISCORD_GUILD_ID: GUILD }));
    const bad = runTs('scripts/deploy-commands.ts', { DISCORD_TOKEN: TEST_TOKEN });
    const [okCode, badCode] = await Promise.all([ok.exited(), bad.exited()]);
    expect(okCode).toBe(0);
    expect(ok.stdout()).toMatch(new RegExp(`Registered ${commands.length} commands to one server`));
    expect(badCode).toBe(1);
    expect(bad.stderr()).toContain(DEPLOY_ERRORS.noClientId);
  });

  it('exits 1 with one sentence when Discord refuses the registration for lack of access (403)', async () => {
    fake.failNext('PUT', /\/commands$/, 403, { message: 'Missing Access', code: 50001 });
    const refused = runTs('scripts/deploy-commands.ts', env({ DISCORD_GUILD_ID: GUILD }));
    expect(await refused.exited()).toBe(1);
    expect(refused.stderr().trim()).toBe(STARTUP_ERRORS.missingPermissions('registering the commands'));
  });

  it('has definitions Discord accepts: names, descriptions and choices within limits', () => {
    for (const c of commandDefinitions(commands)) {
      if (c.type === 1 || c.type === undefined) {
        expect(c.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(c.description.length).toBeLessThanOrEqual(100);
      } else expect(c.name.length).toBeLessThanOrEqual(32);
      // Options all the way down (subcommands hold options of their own, as /settings does).
      type Option = { name: string; description: string; choices?: unknown[]; options?: Option[] };
      const check = (options: Option[]) => {
        expect(options.length).toBeLessThanOrEqual(25);
        for (const o of options) {
          expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
          expect(o.description.length).toBeLessThanOrEqual(100);
          if (o.choices) expect(o.choices.length).toBeLessThanOrEqual(25);
          if (o.options) check(o.options);
        }
      };
      check((('options' in c ? c.options : undefined) ?? []) as Option[]);
    }
  });
});
