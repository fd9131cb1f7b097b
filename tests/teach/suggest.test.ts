// Suggestions from the question log: declined, unsure and 👎 answers grouped by similarity, with
// counts, spellings and candidate facts; what was taught or already suggested drops out.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/analytics/db.js';
import { openQuestionLog } from '../../src/analytics/question-log.js';
import { questionKey, reportVocabulary } from '../../src/analytics/normalize.js';
import { openLiveKnowledge } from '../../src/startup/live.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { learnedReader, Teacher, TeachStore } from '../../src/teach/index.js';
import { runTeachCommand } from '../../src/teach/cli.js';
import { suggestionGroups } from '../../src/teach/suggest.js';
import { testBrain } from '../support/brain.js';
import { config, entry, memoryLogger, tempFolder } from '../analytics/helpers.js';

const declined = { factId: null, answered: false, tier: 'declined', confidence: 0.3 } as const;

function seed() {
  const path = join(tempFolder(), 'questions.db');
  const log = openQuestionLog(config(path), memoryLogger().logger);
  const brain = testBrain();
  /** Records a question with what the bot really answered, as the transports do. */
  const ask = (question: string, times = 1, extra: Parameters<typeof entry>[0] = {}) => {
    const a = brain.ask(question);
    const ids: number[] = [];
    for (let i = 0; i < times; i++)
      ids.push(
        log.record(
          entry({
            question,
            answered: a.answered,
            factId: a.factId,
            confidence: a.confidence,
            tier: a.explain.tier,
            ...extra,
          }),
        )!,
      );
    return ids;
  };
  return { path, log, ask, brain };
}

describe('teaching suggestions', () => {
  it('groups declined spellings of one topic with their count, spellings and the facts that may answer them', () => {
    const { path, log, ask, brain } = seed();
    ask('mx nato situation', 2);
    ask('the mx nato situation??', 1);
    ask('Is Mexico in NATO?', 5); // answered surely: not a suggestion
    ask('what is the capital of mongolia', 3, declined); // no fact comes close: left to the report's gaps
    ask('hello', 4, { tier: 'smalltalk', answered: false, factId: null });
    log.close();
    const db = openDatabase(path);
    const groups = suggestionGroups(db, brain);
    db.close();
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group!.count).toBe(3);
    expect(group!.questions).toEqual(['mx nato situation', 'the mx nato situation??']);
    expect(group!.reasons).toEqual({ declined: 3, lowConfidence: 0, downvoted: 0 });
    expect(group!.candidates).toContain('nato-membership');
    expect(group!.candidates.length).toBeLessThanOrEqual(8);
  });

  it('includes answers given unsurely and answers voted 👎, and leaves out groups asked fewer times than the minimum', () => {
    const { path, log, ask, brain } = seed();
    // Answered, but below 0.7 (the issue's own example).
    const unsure = brain.ask('Is Mexico a WTO member state?');
    expect(unsure.answered && unsure.confidence < 0.7).toBe(true);
    ask('Is Mexico a WTO member state?', 2);
    const [down] = ask('what is the usmca', 1);
    ask('what is the usmca', 1);
    log.vote(down!, '444444444444444444', -1);
    ask('mx nato situation', 1);
    log.close();
    const db = openDatabase(path);
    const groups = suggestionGroups(db, brain, { minCount: 1 });
    const strict = suggestionGroups(db, brain, { minCount: 2 });
    db.close();
    const status = groups.find((g) => g.questions.includes('Is Mexico a WTO member state?'));
    expect(status?.reasons.lowConfidence).toBe(2);
    const usmca = groups.find((g) => g.questions.includes('what is the usmca'));
    // Only the downvoted ask counts; the other one was answered surely and not voted on.
    expect(usmca?.reasons).toEqual({ declined: 0, lowConfidence: 0, downvoted: 1 });
    expect(strict.some((g) => g.questions.includes('mx nato situation'))).toBe(false);
  });

  it('drops what has been taught since and what was already suggested', () => {
    const { path, log, ask } = seed();
    ask('mx nato situation', 2);
    ask('nato mx tea', 2);
    log.close();
    const store = TeachStore.open(path);
    const { logger } = memoryLogger();
    const live = openLiveKnowledge('knowledge', logger, { learned: learnedReader(store, logger) });
    const teacher = new Teacher({
      store,
      loadBase: () => loadKnowledge('knowledge'),
      apply: () => void live.reload('t'),
    });
    const before = suggestionGroups(store.db, live.brain);
    expect(before.flatMap((g) => g.questions).sort()).toEqual(['mx nato situation', 'nato mx tea']);
    expect(teacher.teach('mx nato situation', 'nato-membership', { actor: 'cli:t', via: 'cli' }).ok).toBe(
      true,
    );
    const exclude = new Set([questionKey('nato mx tea', 'en', reportVocabulary(live.brain.domain))]);
    expect(suggestionGroups(store.db, live.brain, { exclude })).toEqual([]);
    store.close();
  });

  it('are printed by `npm run teach -- --suggest` with the command that teaches them', () => {
    const { path, log, ask } = seed();
    ask('mx nato situation', 2);
    log.close();
    const out = runTeachCommand(['--suggest'], { DATABASE_PATH: path });
    expect(out.exitCode).toBe(0);
    expect(out.output).toContain('1. x2 (declined 2): "mx nato situation"');
    expect(out.output).toContain('teach with: npm run teach -- "mx nato situation" FACT_ID');
    expect(runTeachCommand(['--suggest', '--days', 'soon'], { DATABASE_PATH: path }).exitCode).toBe(1);
  });
});
