// Teaching end to end below Discord: the shipped knowledge, a real SQLite file, the live (reloadable)
// brain the bot runs. What is asserted is what people would notice: which fact answers, or that the
// bot declines, and what a moderator is told.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/load.js';
import { LEARNED_ERRORS } from '../../src/answer/learned.js';
import { openLiveKnowledge } from '../../src/startup/live.js';
import { learnedReader, Teacher, TEACH_TEXT, TeachStore, watchLearned } from '../../src/teach/index.js';
import { memoryLogger, tempFolder } from '../analytics/helpers.js';

const kb = loadKnowledge('knowledge');
/** Declined by the shipped knowledge (checked below, so the test fails loudly if that changes). */
const DECLINED = 'mx nato situation';
const CLI = { actor: 'cli:tester', guildId: null, via: 'cli' as const };

function setup() {
  const path = join(tempFolder(), 'questions.db');
  const { logger, lines } = memoryLogger();
  const store = TeachStore.open(path);
  const live = openLiveKnowledge('knowledge', logger, { learned: learnedReader(store, logger) });
  const teacher = new Teacher({ store, loadBase: () => kb, apply: (t) => void live.reload(t), logger });
  return { path, store, live, teacher, lines, brain: live.brain };
}

describe('teaching a phrasing', () => {
  it('answers a declined question with the taught fact at once, and undo restores the decline', () => {
    const { brain, teacher, store } = setup();
    expect(brain.ask(DECLINED).answered).toBe(false);

    const taught = teacher.teach(DECLINED, 'nato-membership', CLI);
    expect(taught).toMatchObject({ ok: true });
    const answer = brain.ask(DECLINED);
    expect(answer).toMatchObject({ answered: true, factId: 'nato-membership' });
    // Learning routes only: the text is the fact's own answer, unchanged.
    expect(answer.text).toBe(kb.facts.find((f) => f.id === 'nato-membership')!.answer);

    const undone = teacher.undo(DECLINED, CLI);
    expect(undone.ok).toBe(true);
    expect(brain.ask(DECLINED).answered).toBe(false);
    expect(store.list()).toEqual([]);
  });

  it('logs every change with who made it', () => {
    const { teacher, store, lines } = setup();
    teacher.teach(DECLINED, 'nato-membership', {
      actor: 'discord:1100000000000000100 (maria)',
      guildId: '1200000000000000000',
      via: 'command',
    });
    teacher.undo(DECLINED, CLI);
    const history = store.history().reverse();
    expect(history.map((h) => [h.action, h.actor, h.factId])).toEqual([
      ['teach', 'discord:1100000000000000100 (maria)', 'nato-membership'],
      ['undo', 'cli:tester', 'nato-membership'],
    ]);
    expect(lines.filter((l) => l.msg === 'Phrasing taught')[0]).toMatchObject({
      actor: 'discord:1100000000000000100 (maria)',
    });
  });

  it('refuses, with a clear sentence, a phrasing naming a country or organization the fact is not about', () => {
    const { teacher, brain, store } = setup();
    const outcome = teacher.teach('is brazil in nato', 'nato-membership', CLI);
    expect(outcome).toEqual({
      ok: false,
      message: LEARNED_ERRORS.entity('is brazil in nato', ['Brazil'], 'nato-membership'),
    });
    expect(store.list()).toEqual([]);
    expect(brain.ask('is brazil in nato').answered).toBe(false);
    // An organization too: the NATO fact must not start answering BRICS questions.
    expect(teacher.teach('mx brics status', 'nato-membership', CLI).ok).toBe(false);
  });

  it('refuses a phrasing that another fact owns, in the files or learned before', () => {
    const { teacher } = setup();
    expect(teacher.teach('What is the USMCA?', 'nato-membership', CLI)).toEqual({
      ok: false,
      message: LEARNED_ERRORS.otherFact('What is the USMCA?', 'trade-usmca'),
    });
    expect(teacher.teach(DECLINED, 'nato-membership', CLI).ok).toBe(true);
    expect(teacher.teach(DECLINED, 'nato-why-not', CLI)).toEqual({
      ok: false,
      message: LEARNED_ERRORS.learnedOther(DECLINED, 'nato-membership'),
    });
  });

  it('refuses a date question for a fact that gives no date, unknown facts, empty text and small talk', () => {
    const { teacher, store } = setup();
    expect(teacher.teach('when did mx say no to nato', 'nato-membership', CLI).message).toBe(
      LEARNED_ERRORS.focus('when did mx say no to nato', ['date'], 'nato-membership'),
    );
    expect(teacher.teach(DECLINED, 'no-such-fact', CLI).message).toBe(
      LEARNED_ERRORS.unknownFact('no-such-fact'),
    );
    expect(teacher.teach('   ', 'nato-membership', CLI).message).toBe(LEARNED_ERRORS.empty);
    expect(teacher.teach('x'.repeat(500), 'nato-membership', CLI).message).toBe(LEARNED_ERRORS.tooLong(200));
    expect(teacher.teach('hello there', 'nato-membership', CLI).message).toBe(
      LEARNED_ERRORS.smallTalk('hello there'),
    );
    expect(store.list()).toEqual([]);
  });

  it('says so when asked to undo a phrasing that was never learned, or one from the knowledge files', () => {
    const { teacher } = setup();
    expect(teacher.undo('never taught this', CLI).message).toBe(TEACH_TEXT.notLearned('never taught this'));
    expect(teacher.undo('Is Mexico in NATO?', CLI).message).toBe(
      TEACH_TEXT.inFiles('Is Mexico in NATO?', 'nato-membership'),
    );
    expect(teacher.undo(undefined, CLI).message).toBe(TEACH_TEXT.nothingToUndo);
  });

  it('reaches another process holding the same file (another shard) without a restart', async () => {
    const one = setup();
    const { logger } = memoryLogger();
    const other = TeachStore.open(one.path);
    const otherLive = openLiveKnowledge('knowledge', logger, { learned: learnedReader(other, logger) });
    const stop = watchLearned(other, () => void otherLive.reload('learned phrasings changed'), {
      intervalMs: 20,
    });
    try {
      expect(otherLive.brain.ask(DECLINED).answered).toBe(false);
      one.teacher.teach(DECLINED, 'nato-membership', CLI);
      const until = Date.now() + 5000;
      while (otherLive.brain.ask(DECLINED).factId !== 'nato-membership' && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      expect(otherLive.brain.ask(DECLINED).factId).toBe('nato-membership');
    } finally {
      stop();
      other.close();
    }
  });

  it('routes only the taught question: other questions keep their answers and autocomplete stays the same', () => {
    const { brain, teacher } = setup();
    const others = [
      'does mx do green stuff w/ others',
      'is mx in the wto',
      'Is Mexico in NATO?',
      'mx trade pacts',
    ];
    const before = others.map((q) => [brain.ask(q).answered, brain.ask(q).factId]);
    const completions = brain.complete('situation mx');
    expect(teacher.teach(DECLINED, 'nato-membership', CLI).ok).toBe(true);
    expect(others.map((q) => [brain.ask(q).answered, brain.ask(q).factId])).toEqual(before);
    // What people typed is not offered to everyone as a known question.
    expect(brain.complete('situation mx')).toEqual(completions);
    // Another word order still reaches it.
    expect(brain.ask('situation nato mx').factId).toBe('nato-membership');
  });

  it('refuses a misspelt name the bot would read as another country', () => {
    const { teacher } = setup();
    const outcome = teacher.teach('is brazl in nato', 'nato-membership', CLI);
    expect(outcome).toEqual({
      ok: false,
      message: LEARNED_ERRORS.entity('is brazl in nato', ['Brazil'], 'nato-membership'),
    });
  });

  it('says so, without throwing or storing anything, when the file cannot be written or the knowledge is invalid', () => {
    const { teacher, store, brain } = setup();
    store.db.pragma('query_only = ON'); // as a read-only or locked file would
    expect(teacher.teach(DECLINED, 'nato-membership', CLI)).toEqual({
      ok: false,
      message: TEACH_TEXT.storeFailed,
    });
    store.db.pragma('query_only = OFF');
    expect(store.list()).toEqual([]);
    expect(brain.ask(DECLINED).answered).toBe(false);
    const broken = new Teacher({
      store,
      loadBase: () => {
        throw new KnowledgeError(['security.yaml: cannot be read as YAML']);
      },
    });
    expect(broken.teach(DECLINED, 'nato-membership', CLI)).toEqual({
      ok: false,
      message: TEACH_TEXT.badKnowledge,
    });
  });

  it('with TEACH_SHARING=off applies what a server taught in that server only, and what the command line taught everywhere', () => {
    const path = join(tempFolder(), 'questions.db');
    const { logger } = memoryLogger();
    const store = TeachStore.open(path);
    const live = openLiveKnowledge('knowledge', logger, {
      learned: learnedReader(store, logger, { shared: false }),
    });
    const teacher = new Teacher({
      store,
      loadBase: () => kb,
      apply: (t) => void live.reload(t),
      shared: false,
    });
    const [a, b] = ['1200000000000000000', '1200000000004194304'];
    const fromA = { actor: 'discord:1100000000000000100 (maria)', guildId: a, via: 'command' as const };
    expect(teacher.teach(DECLINED, 'nato-membership', fromA).ok).toBe(true);
    expect(live.brain.ask(DECLINED, { guildId: a }).factId).toBe('nato-membership');
    expect(live.brain.ask(DECLINED, { guildId: b }).answered).toBe(false);
    expect(live.brain.ask(DECLINED).answered).toBe(false);
    expect(teacher.teach('nato mx tea', 'nato-membership', CLI).ok).toBe(true);
    expect(live.brain.ask('nato mx tea', { guildId: b }).factId).toBe('nato-membership');
    // One owner per phrasing still, across servers: another server cannot give it to another fact.
    expect(teacher.teach(DECLINED, 'nato-why-not', { ...fromA, guildId: b }).ok).toBe(false);
    store.close();
  });

  it('leaves out, at load, a learned phrasing the knowledge files now contradict, and keeps serving', () => {
    const { store, live, lines } = setup();
    // As if taught before the files gave this phrasing to another fact.
    store.add({
      key: 'what is the usmca',
      phrasing: 'What is the USMCA?',
      factId: 'nato-membership',
      lang: 'en',
      actor: 'cli:x',
      guildId: null,
      via: 'cli',
    });
    const result = live.reload('test');
    expect(result.ok).toBe(true);
    expect(live.brain.ask('What is the USMCA?').factId).toBe('trade-usmca');
    expect(lines.some((l) => l.msg === 'Learned phrasing not applied')).toBe(true);
  });
});
