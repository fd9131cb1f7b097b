// What the teaching tests share: a fake Discord, a real SQLite file in a temporary folder, the
// question log, the teaching store, the live knowledge reading learned phrasings, and a Teacher.
// Each test starts its own bot on top (its settings differ) and calls close() after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openQuestionLog, type QuestionLog } from '../../src/analytics/index.js';
import { loadConfig } from '../../src/config.js';
import type { DiscordBot } from '../../src/discord/start.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { openLiveKnowledge, type LiveKnowledge } from '../../src/startup/live.js';
import { learnedReader, Teacher, TeachStore } from '../../src/teach/index.js';
import { memoryLogger } from './bot.js';
import { FakeDiscord } from './fake-discord.js';

export interface TeachingWorld {
  fake: FakeDiscord;
  log: QuestionLog;
  store: TeachStore;
  live: LiveKnowledge;
  teacher: Teacher;
  logger: ReturnType<typeof memoryLogger>['logger'];
  /** Stops the bot (when given), closes everything and checks no connection was left open. */
  close(bot?: DiscordBot): Promise<void>;
}

export async function openTeachingWorld(
  options: { guilds: number; env?: Record<string, string> } = { guilds: 1 },
): Promise<TeachingWorld> {
  const folder = mkdtempSync(join(tmpdir(), 'teach-test-'));
  const dbPath = join(folder, 'questions.db');
  const fake = await FakeDiscord.start({ guilds: options.guilds });
  const config = loadConfig({ DATABASE_PATH: dbPath, ...options.env });
  const { logger } = memoryLogger();
  const log = openQuestionLog(config, logger);
  const store = TeachStore.open(dbPath);
  const live = openLiveKnowledge('knowledge', logger, {
    learned: learnedReader(store, logger, { shared: config.TEACH_SHARING }),
  });
  const teacher = new Teacher({
    store,
    loadBase: () => loadKnowledge('knowledge'),
    apply: (t) => void live.reload(t),
    shared: config.TEACH_SHARING,
    logger,
  });
  return {
    fake,
    log,
    store,
    live,
    teacher,
    logger,
    async close(bot) {
      await bot?.stop();
      log.close();
      store.close();
      live.close();
      await fake.close();
      expect(fake.openConnections()).toBe(0);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
