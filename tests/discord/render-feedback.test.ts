// The feedback renderers stay inside Discord's limits, never ping, and keep vote buttons on factual
// answers only.
import { MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { Report, StoredQuestion } from '../../src/analytics/index.js';
import type { Answer, Suggestion } from '../../src/answer/types.js';
import { DISCORD_LIMITS, renderAnswer } from '../../src/discord/render.js';
import {
  EXCERPT_CHARS,
  renderStaffReport,
  renderStats,
  renderVoteReply,
} from '../../src/discord/render-feedback.js';
import { FEEDBACK_TEXT } from '../../src/discord/text.js';
import { makeAnswer } from '../support/answer.js';

const many = (n: number): Suggestion[] =>
  Array.from({ length: n }, (_, i) => ({ factId: `fact-${i}`, question: `Question number ${i}?` }));

const answer = (overrides: Partial<Answer> = {}) => makeAnswer({ related: many(8), ...overrides });

const ids = (rows: { components: { custom_id: string }[] }[]) =>
  rows.map((r) => r.components.map((b) => b.custom_id));

describe('vote buttons under an answer', () => {
  it('adds a 👍 👎 row under the related questions of a factual answer', () => {
    const p = renderAnswer(answer(), { voteId: 42 });
    expect(p.components).toHaveLength(2);
    expect(p.components[0]!.components).toHaveLength(DISCORD_LIMITS.buttonsPerRow);
    expect(ids(p.components)[1]).toEqual(['vote:42:up', 'vote:42:down']);
  });

  it('adds none to a declined answer, or when the question was not logged', () => {
    const declined = answer({ answered: false, related: [], suggestions: many(3) });
    expect(ids(renderAnswer(declined, { voteId: 42 }).components).flat()).not.toContain('vote:42:up');
    expect(
      ids(renderAnswer(answer(), { voteId: null }).components)
        .flat()
        .join(),
    ).not.toContain('vote:');
    expect(ids(renderAnswer(answer()).components).flat().join()).not.toContain('vote:');
  });
});

describe('the vote confirmation', () => {
  it('thanks a 👍 privately with no buttons', () => {
    const p = renderVoteReply(1, 'es');
    expect(p.flags).toBe(MessageFlags.Ephemeral);
    expect(p.content).toBe(FEEDBACK_TEXT.thanksUp.es);
    expect(p.components).toEqual([]);
  });

  it('offers other questions after a 👎, privately, never the fact that was given', () => {
    const alternatives = [{ factId: 'nato-membership', question: 'Is Mexico in NATO?' }, ...many(7)];
    const p = renderVoteReply(-1, 'en', alternatives, 'nato-membership');
    expect(p.flags).toBe(MessageFlags.Ephemeral);
    expect(p.content).toContain(FEEDBACK_TEXT.didYouMean.en);
    const buttons = ids(p.components).flat();
    expect(buttons).toHaveLength(DISCORD_LIMITS.buttonsPerRow);
    expect(buttons).not.toContain('fact:nato-membership:en');
    expect(buttons[0]).toBe('fact:fact-0:en');
  });
});

describe('the staff post', () => {
  const stored: StoredQuestion = {
    id: 7,
    askedAt: 1_700_000_000_000,
    source: 'discord',
    guildId: '111111111111111111',
    channelId: '222222222222222222',
    question: '@everyone **is** mexico in <@&123456789012345678> nato '.repeat(40),
    lang: 'en',
    tier: 'exact',
    factId: 'nato-membership',
    answered: true,
  };

  it('carries the question, fact id, an excerpt and the vote, pings nobody and fits an embed', () => {
    const body = renderStaffReport(stored, 'Mexico is not a member. '.repeat(50), -1);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const [embed] = body.embeds!;
    const [question, given, vote] = embed!.fields!;
    expect(question!.value).toContain('\\*\\*is\\*\\*');
    expect(question!.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    expect(given!.value).toContain('`nato-membership`');
    expect(given!.value.length).toBeLessThan(EXCERPT_CHARS + 60);
    expect(vote!.value).toBe('👎');
    expect(embed!.footer!.text).toContain('question #7');
  });
});

describe('/stats', () => {
  const big: Report = {
    days: 7,
    from: 0,
    to: 1,
    asked: 12_345,
    factual: 12_000,
    answered: 9_000,
    answerRate: 0.75,
    bySource: { discord: 12_345 },
    byLang: { en: 10_000, es: 2_345 },
    latencyMs: { p50: 1, p95: 3 },
    topQuestions: Array.from({ length: 10 }, (_, i) => ({
      question: `top question ${i} `.repeat(30),
      key: `k${i}`,
      count: 100 - i,
      answered: 90,
      factId: 'a-rather-long-fact-identifier-for-testing',
    })),
    gaps: Array.from({ length: 10 }, (_, i) => ({
      question: `gap *${i}* `.repeat(40),
      keywords: [],
      count: 10,
      variants: [],
      lastAskedAt: 0,
    })),
    downvotedFacts: Array.from({ length: 10 }, (_, i) => ({
      factId: `fact-${i}`,
      down: 5,
      up: 1,
      questions: [],
    })),
  };

  it('shows the headline figures and at most five of each list, privately, within limits', () => {
    const p = renderStats(big, 'en');
    expect(p.flags).toBe(MessageFlags.Ephemeral);
    const [embed] = p.embeds;
    expect(embed!.description).toContain('12345');
    expect(embed!.description).toContain('75%');
    for (const f of embed!.fields!) {
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      expect(f.value.split('\n').length).toBeLessThanOrEqual(5);
    }
    const total = JSON.stringify(embed).length;
    expect(total).toBeLessThan(DISCORD_LIMITS.embedTotal);
  });

  it('says "none yet" and n/a for an empty week, in Spanish too', () => {
    const empty: Report = {
      ...big,
      asked: 0,
      factual: 0,
      answered: 0,
      answerRate: null,
      topQuestions: [],
      gaps: [],
      downvotedFacts: [],
    };
    const [embed] = renderStats(empty, 'es').embeds;
    expect(embed!.title).toBe(FEEDBACK_TEXT.statsTitle.es);
    expect(embed!.description).toContain('n/a');
    for (const f of embed!.fields!) expect(f.value).toBe(FEEDBACK_TEXT.statsNone.es);
  });
});
