// Teaching in Discord end to end: the real bot against the fake Discord, a real SQLite file, the live
// brain. A declined question reaches the staff channel as a suggestion with a select menu, a
// moderator's choice teaches it, and the next /ask is answered; /teach and /teach undo by hand; only
// Manage Server members can teach, checked on the server side.
import { ApplicationCommandOptionType, ComponentType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionLog } from '../../src/analytics/index.js';
import type { DiscordBot } from '../../src/discord/start.js';
import { TEACH_UI } from '../../src/discord/text.js';
import { LEARNED_ERRORS } from '../../src/answer/learned.js';
import type { TeachStore } from '../../src/teach/index.js';
import { startTestBot } from '../support/bot.js';
import { openTeachingWorld, type TeachingWorld } from '../support/teaching.js';
import { FakeDiscord, FAKE_USER, type RecordedRequest } from '../support/fake-discord.js';

/** Two spellings of one question the shipped knowledge declines. */
const DECLINED = ['mx nato situation', 'the mx nato situation??'];
/** No permissions at all: a member without Manage Server. */
const NOT_MANAGER = '0';

let world: TeachingWorld;
let fake: FakeDiscord;
let bot: DiscordBot;
let log: QuestionLog;
let store: TeachStore;
let staff: string;

beforeAll(async () => {
  world = await openTeachingWorld({ guilds: 2 });
  ({ fake, log, store } = world);
  staff = fake.channelId(0, 2);
  const { live, teacher } = world;
  ({ bot } = await startTestBot(fake, { FEEDBACK_CHANNEL_ID: staff }, live.brain, {
    questionLog: log,
    teacher,
    reload: (t) => live.reload(t),
    suggestions: { everyMs: 100, minCount: 2 },
  }));
});

afterAll(() => world?.close(bot));

const option = (name: string, value: string) => ({
  type: ApplicationCommandOptionType.String as const,
  name,
  value,
});
const ask = (question: string, guildId?: string) =>
  fake.interactAndAwaitCallback(
    fake.chatInput('ask', [option('question', question)], guildId ? { guildId } : {}),
  );
/** The fact the bot answered with (read from the question log the vote buttons point at), or null. */
const answeredFact = async (question: string, guildId?: string) => {
  const body = await ask(question, guildId);
  const ids: string[] = (body.data.components ?? []).flatMap((r: { components: { custom_id?: string }[] }) =>
    r.components.map((c) => c.custom_id ?? ''),
  );
  // An answer carries 👍 👎 buttons; a decline does not.
  const vote = ids.find((id) => id.startsWith('vote:'));
  return vote ? (log.question(Number(vote.split(':')[1]))?.factId ?? null) : null;
};
const teachCommand = (sub: string, options: ReturnType<typeof option>[], permissions?: string) =>
  fake.interactAndAwaitCallback(
    fake.chatInput('teach', [{ type: ApplicationCommandOptionType.Subcommand, name: sub, options }], {
      permissions,
    }),
  );
const staffPosts = () => fake.sent('POST', new RegExp(`^/channels/${staff}/messages$`));
const menuOf = (post: RecordedRequest) => post.body.components[0].components[0];

describe('teaching in Discord', () => {
  let suggestion: RecordedRequest;

  it('posts a declined question to the staff channel as a suggestion with a select menu of facts', async () => {
    for (const q of DECLINED) expect(await answeredFact(q)).toBeNull();
    expect(await answeredFact(DECLINED[0]!, fake.guildIds[1])).toBeNull();
    suggestion = await fake.waitFor(
      () => staffPosts().find((p) => p.status < 400 && p.body.components?.length),
      5000,
      'a teaching suggestion',
    );
    expect(suggestion.body.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(suggestion.body.embeds);
    for (const q of DECLINED) expect(text).toContain(q.replace('??', ''));
    const menu = menuOf(suggestion);
    expect(menu.type).toBe(ComponentType.StringSelect);
    expect(menu.custom_id).toMatch(/^teach:\d+$/);
    const values = menu.options.map((o: { value: string }) => o.value);
    expect(values).toContain('nato-membership');
    expect(values.slice(-2)).toEqual(['_none', '_unanswerable']);
    expect(menu.options.length).toBeLessThanOrEqual(25);
  });

  it('refuses the choice of a member without Manage Server, privately, and learns nothing', async () => {
    const body = await fake.interactAndAwaitCallback(
      fake.select(menuOf(suggestion).custom_id, ['nato-membership'], {
        posted: suggestion,
        permissions: NOT_MANAGER,
      }),
    );
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.content).toBe(TEACH_UI.managersOnly);
    expect(store.list()).toEqual([]);
    expect(await answeredFact(DECLINED[0]!)).toBeNull();
  });

  it("teaches the group on a moderator's choice, closes the menu, and the next /ask is answered", async () => {
    const since = fake.requests.length;
    const body = await fake.interactAndAwaitCallback(
      fake.select(menuOf(suggestion).custom_id, ['nato-membership'], { posted: suggestion }),
    );
    expect(body.type).toBe(6); // acknowledged at once; the suggestion message itself is then edited
    const edit = await fake.waitForRequest('PATCH', /^\/webhooks\/\d+\/[^/]+\/messages\/(%40|@)original$/, {
      since,
    });
    expect(edit.body.components).toEqual([]);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(edit.body.embeds)).toContain(
      TEACH_UI.decidedTaught('nato-membership', `discord:${FAKE_USER.id} (${FAKE_USER.username})`),
    );
    for (const q of DECLINED) expect(await answeredFact(q)).toBe('nato-membership');
    expect(
      store
        .list()
        .map((r) => [r.phrasing, r.factId, r.via])
        .sort(),
    ).toEqual(DECLINED.map((q) => [q, 'nato-membership', 'suggestion']).sort());
  });

  it('answers what was taught in one server in every server: teaching is bot-wide', async () => {
    expect(await answeredFact(DECLINED[0]!, fake.guildIds[1])).toBe('nato-membership');
  });

  it('does not suggest a decided group again, and a second choice on the old menu is refused', async () => {
    const before = staffPosts().length;
    await new Promise((r) => setTimeout(r, 400)); // a few rounds
    expect(staffPosts()).toHaveLength(before);
    const body = await fake.interactAndAwaitCallback(
      fake.select(menuOf(suggestion).custom_id, ['_none'], { posted: suggestion }),
    );
    expect(body.data.content).toBe(TEACH_UI.alreadyDecided);
  });

  it('closes a suggestion as not answerable: nothing is learned and it is not suggested again', async () => {
    const questions = ['mx oas vibes?', 'mx oas vibes??'];
    // Counted before asking: a round may post the suggestion as soon as the second question is logged.
    const since = staffPosts().length;
    for (const q of questions) expect(await answeredFact(q)).toBeNull();
    const post = await fake.waitFor(
      () =>
        staffPosts()
          .slice(since)
          .find((p) => p.status < 400 && p.body.components?.length),
      5000,
      'a second suggestion',
    );
    const body = await fake.interactAndAwaitCallback(
      fake.select(menuOf(post).custom_id, ['_unanswerable'], { posted: post }),
    );
    expect(body.data.components).toEqual([]);
    expect(JSON.stringify(body.data.embeds)).toContain('Not answerable');
    expect(store.list().some((r) => r.phrasing.startsWith('mx oas'))).toBe(false);
    const after = staffPosts().length;
    await new Promise((r) => setTimeout(r, 400));
    expect(staffPosts()).toHaveLength(after);
    expect(await answeredFact(questions[0]!)).toBeNull();
  });

  it('/teach add teaches by hand and /teach undo takes the last one back', async () => {
    const question = 'nato mx tea';
    expect(await answeredFact(question)).toBeNull();
    const taught = await teachCommand('add', [
      option('question', question),
      option('fact', 'nato-membership'),
    ]);
    expect(taught.data.flags).toBe(MessageFlags.Ephemeral);
    expect(taught.data.content).toContain('Learned');
    expect(await answeredFact(question)).toBe('nato-membership');
    const undone = await teachCommand('undo', []);
    expect(undone.data.content).toContain('Removed');
    expect(await answeredFact(question)).toBeNull();
  });

  it('/teach refuses a phrasing about another country, and a member without Manage Server', async () => {
    const brazil = await teachCommand('add', [
      option('question', 'is brazil in nato'),
      option('fact', 'nato-membership'),
    ]);
    expect(brazil.data.content).toBe(
      LEARNED_ERRORS.entity('is brazil in nato', ['Brazil'], 'nato-membership'),
    );
    const outsider = await teachCommand(
      'add',
      [option('question', 'nato mx tea'), option('fact', 'nato-membership')],
      NOT_MANAGER,
    );
    expect(outsider.data.content).toBe(TEACH_UI.managersOnly);
    expect(await answeredFact('nato mx tea')).toBeNull();
  });

  it('completes fact ids for moderators, and shows no learned phrasings to other members', async () => {
    const facts = await fake.interactAndAwaitCallback(
      fake.autocomplete('teach', 'fact', 'nato', { subcommand: 'add' }),
    );
    expect(facts.data.choices.map((c: { value: string }) => c.value)).toContain('nato-membership');
    const hidden = await fake.interactAndAwaitCallback(
      fake.autocomplete('teach', 'question', '', { subcommand: 'undo', permissions: NOT_MANAGER }),
    );
    expect(hidden.data.choices).toEqual([]);
    const shown = await fake.interactAndAwaitCallback(
      fake.autocomplete('teach', 'question', 'situation', { subcommand: 'undo' }),
    );
    expect(shown.data.choices.length).toBeGreaterThan(0);
  });
});
