// The compiled build, as `npm start`, the Docker image and the systemd unit run it: `npm run build`
// bundles src/ into dist/ with source maps; `npm start` answers in the terminal from dist/ on plain node; the
// Dockerfile's CMD and the unit's ExecStart log in to the fake Discord and stop cleanly on SIGTERM;
// start:sharded runs compiled shards. The machines here run no Docker engine, so the image itself is
// not built; what it runs is. The unit file is checked with systemd-analyze when it is installed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from './support/bot.js';
import { FakeDiscord } from './support/fake-discord.js';
import { runTs } from './support/spawn.js';

const folder = mkdtempSync(join(tmpdir(), 'build-test-'));
let fake: FakeDiscord;

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8', timeout: 120_000 });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}${built.stderr}`);
  fake = await FakeDiscord.start({ guilds: 2, shards: 2, maxConcurrency: 16 });
}, 150_000);

afterAll(async () => {
  await fake?.close();
  expect(fake.openConnections()).toBe(0);
  rmSync(folder, { recursive: true, force: true });
});

/** The exec-form CMD of the Dockerfile, e.g. ["node", "dist/index.js"]. */
function dockerCmd(): string[] {
  const line = readFileSync('deploy/Dockerfile', 'utf8')
    .split('\n')
    .findLast((l) => l.startsWith('CMD '));
  return JSON.parse(line!.slice(4)) as string[];
}

async function askOnce(guildIndex = 0) {
  const interaction = fake.chatInput(
    'ask',
    [{ type: ApplicationCommandOptionType.String, name: 'question', value: 'is mexico in nato' }],
    { guildId: fake.guildIds[guildIndex]! },
  );
  return fake.interactAndAwaitCallback(interaction);
}

describe('the compiled build', () => {
  it('writes dist/ with source maps pointing at src/', () => {
    expect(existsSync('dist/index.js')).toBe(true);
    const map = JSON.parse(readFileSync('dist/index.js.map', 'utf8')) as { sources: string[] };
    expect(map.sources).toContain('../src/index.ts');
    expect(readFileSync('dist/index.js', 'utf8')).toContain('//# sourceMappingURL=index.js.map');
  });

  it('`npm start` answers in the terminal from dist/ on plain node', () => {
    const r = spawnSync('npm', ['start', '--silent'], {
      input: 'Is Mexico in NATO?\n',
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? '', KNOWLEDGE_CACHE_DIR: process.env.KNOWLEDGE_CACHE_DIR ?? '' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Mexico is not a member/m);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toMatch(/^node (--enable-source-maps )?dist\/index\.js$/);
    expect(pkg.scripts['start:sharded']).toMatch(/^node (--enable-source-maps )?dist\/shard\.js$/);
  });

  it("the Dockerfile's CMD logs in from the build output, answers, and exits 0 on SIGTERM", async () => {
    const [command, ...args] = dockerCmd();
    expect([command, ...args]).toEqual(['node', 'dist/index.js']);
    const child = runTs(
      args[0]!,
      {
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        DATABASE_PATH: join(folder, 'docker.db'),
        NODE_OPTIONS: '--enable-source-maps', // as the image sets it
        SHARD_COUNT: '1',
      },
      { plain: true },
    );
    try {
      await fake.waitFor(
        () => (child.stderr().includes('Discord ready') ? true : undefined),
        15_000,
        'ready',
      );
      // Sharded fake, one shard here: this process holds every guild.
      expect((await askOnce()).data.embeds[0].description).toMatch(/^Mexico is not a member/);
      child.process.kill('SIGTERM');
      expect(await child.exited()).toBe(0);
    } finally {
      child.process.kill('SIGKILL');
    }
    expect(child.stderr()).not.toContain('tsx');
  });

  it('start:sharded runs compiled shards, which both identify and answer', async () => {
    const since = fake.identifies.length;
    const manager = runTs(
      'dist/shard.js',
      {
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        DATABASE_PATH: join(folder, 'sharded.db'),
        SHARD_COUNT: 'auto',
      },
      { plain: true },
    );
    try {
      await fake.waitFor(
        () => (manager.stderr().includes('All shards ready') ? true : undefined),
        30_000,
        'both shards',
      );
      expect(
        fake.identifies
          .slice(since)
          .map((i) => i.shard)
          .sort(),
      ).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const onShard1 = fake.guildIds.findIndex((id) => fake.shardOf(id) === 1);
      expect((await askOnce(onShard1)).data.embeds[0].description).toMatch(/^Mexico is not a member/);
      manager.process.kill('SIGTERM');
      expect(await manager.exited(20_000)).toBe(0);
    } finally {
      manager.process.kill('SIGKILL');
    }
  });

  const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  it.skipIf(analyze.status !== 0)('the systemd unit passes systemd-analyze verify without a warning', () => {
    // verify wants a unit name it can load; the copy keeps the repository's file untouched.
    const unit = join(folder, 'mexico-alliances-bot.service');
    copyFileSync('deploy/mexico-alliances-bot.service', unit);
    const r = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stderr.trim()).toBe('');
    const execStart = /^ExecStart=(.*)$/m.exec(readFileSync(unit, 'utf8'))?.[1];
    expect(execStart).toMatch(/ dist\/index\.js$/);
  });
});
