// The two reads the Discord layer needs: one stored question (for a vote on its answer) and the
// report scoped to one server (for /stats).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disabledQuestionLog, openQuestionLog } from '../../src/analytics/question-log.js';
import { config, entry, memoryLogger, tempFolder } from './helpers.js';

const NOW = 1_700_000_000_000;
const USER = '333333333333333333';

describe('reading the question log back', () => {
  it('returns a stored question by id, without its user hash, and null for an unknown id', () => {
    const log = openQuestionLog(config(join(tempFolder(), 'q.db')), memoryLogger().logger, {
      now: () => NOW,
    });
    const id = log.record(entry({ question: 'is mexico in nato', factId: 'nato-membership' }));
    expect(id).not.toBeNull();
    expect(log.question(id!)).toEqual({
      id,
      askedAt: NOW,
      source: 'discord',
      guildId: '111111111111111111',
      channelId: '222222222222222222',
      question: 'is mexico in nato',
      lang: 'en',
      tier: 'exact',
      factId: 'nato-membership',
      answered: true,
    });
    expect(log.question(id! + 100)).toBeNull();
    log.close();
  });

  it('reports on one server only when asked to, with its votes', () => {
    const log = openQuestionLog(config(join(tempFolder(), 'q.db')), memoryLogger().logger, {
      now: () => NOW,
    });
    const here = log.record(entry({ guildId: '111111111111111111', factId: 'nato-membership' }))!;
    log.record(entry({ guildId: '999999999999999999', question: 'secret elsewhere' }));
    log.vote(here, USER, -1);
    const mine = log.report({ days: 7, guildId: '111111111111111111' });
    expect(mine).toMatchObject({ asked: 1, answered: 1 });
    expect(mine?.downvotedFacts).toEqual([
      expect.objectContaining({ factId: 'nato-membership', down: 1, up: 0 }),
    ]);
    expect(JSON.stringify(mine)).not.toContain('secret elsewhere');
    expect(log.report({ days: 7 })?.asked).toBe(2);
    log.close();
  });

  it('reads nothing when analytics is off', () => {
    expect(disabledQuestionLog.question(1)).toBeNull();
    expect(disabledQuestionLog.report({ days: 7 })).toBeNull();
  });
});
