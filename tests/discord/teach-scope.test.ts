// TEACH_SHARING=off end to end: what one server's moderators teach answers in that server only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuestionLog, type QuestionLog } from '../../src/analytics/index.js';
import { loadConfig } from '../../src/config.js';
import type { DiscordBot } from '../../src/discord/start.js';
import { openLiveKnowledge, type LiveKnowledge } from '../../src/startup/live.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { learnedReader, Teacher, TeachStore } from '../../src/teach/index.js';
import { memoryLogger, startTestBot } from '../support/bot.js';
import { FakeDiscord } from '../support/fake-discord.js';

let fake: FakeDiscord;
let bot: DiscordBot;
let log: QuestionLog;
let store: TeachStore;
let live: LiveKnowledge;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'teach-scope-test-'));
  const dbPath = join(folder, 'questions.db');
  fake = await FakeDiscord.start({ guilds: 2 });
  const config = loadConfig({ DATABASE_PATH: dbPath, TEACH_SHARING: 'off' });
  const { logger } = memoryLogger();
  log = openQuestionLog(config, logger);
  store = TeachStore.open(dbPath);
  live = openLiveKnowledge('knowledge', logger, {
    learned: learnedReader(store, logger, { shared: config.TEACH_SHARING }),
  });
  const teacher = new Teacher({
    store,
    loadBase: () => loadKnowledge('knowledge'),
    apply: (t) => void live.reload(t),
    shared: config.TEACH_SHARING,
    logger,
  });
  ({ bot } = await startTestBot(fake, {}, live.brain, { questionLog: log, teacher, suggestions: false }));
});

afterAll(async () => {
  await bot?.stop();
  log?.close();
  store?.close();
  live?.close();
  await fake?.close();
  expect(fake.openConnections()).toBe(0);
  rmSync(folder, { recursive: true, force: true });
});

const text = (name: string, value: string) => ({
  type: ApplicationCommandOptionType.String as const,
  name,
  value,
});
/** Whether /ask in that server got a factual answer (answers carry 👍 👎 buttons, declines do not). */
async function answered(question: string, guildId: string): Promise<boolean> {
  const body = await fake.interactAndAwaitCallback(
    fake.chatInput('ask', [text('question', question)], { guildId }),
  );
  return JSON.stringify(body.data.components ?? []).includes('"vote:');
}

describe('teaching with TEACH_SHARING=off', () => {
  it('answers a phrasing taught with /teach in its own server only', async () => {
    const [a, b] = fake.guildIds as [string, string];
    const question = 'whats the deal w/ mx and nato';
    expect(await answered(question, a)).toBe(false);
    const reply = await fake.interactAndAwaitCallback(
      fake.chatInput(
        'teach',
        [
          {
            type: ApplicationCommandOptionType.Subcommand,
            name: 'add',
            options: [text('question', question), text('fact', 'nato-membership')],
          },
        ],
        { guildId: a },
      ),
    );
    expect(reply.data.content).toContain('Learned');
    expect(await answered(question, a)).toBe(true);
    expect(await answered(question, b)).toBe(false);
    expect(store.list()[0]?.guildId).toBe(a);
  });
});
