// The renderer keeps every reply inside Discord's limits, whatever the brain hands it.
import { describe, expect, it } from 'vitest';
import type { Answer, Suggestion } from '../../src/answer/types.js';
import {
  DISCORD_LIMITS,
  fitEmbed,
  renderAnswer,
  renderAnswers,
  renderChoices,
  renderHelp,
  sectionUrl,
  truncate,
} from '../../src/discord/render.js';
import { commands } from '../support/brain.js';
import { helpEntries } from '../../src/discord/commands/help.js';
import type { ReplyPayload } from '../../src/discord/render.js';
import { makeAnswer } from '../support/answer.js';

const longLabel =
  'Which international organizations does Mexico belong to, and what does each of them do for trade? '.repeat(
    2,
  );
const many = (n: number, question = longLabel): Suggestion[] =>
  Array.from({ length: n }, (_, i) => ({ factId: `fact-number-${i}`, question: `${i}. ${question}` }));

const answer = (overrides: Partial<Answer> = {}) =>
  makeAnswer({
    sources: [
      {
        title: 'Is Mexico in NATO?',
        section: 'Security and Defense: Exclusion from NATO',
        url: 'https://example.com/a',
      },
    ],
    ...overrides,
  });

function expectWithinLimits(p: ReplyPayload) {
  expect(p.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  expect(p.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
  let total = 0;
  for (const e of p.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      expect(f.value.length).toBeGreaterThan(0);
      total += f.name.length + f.value.length;
    }
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
  }
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  expect(p.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.rows);
  const ids = new Set<string>();
  for (const row of p.components) {
    expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
    for (const b of row.components) {
      expect(b.label?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
      expect(b.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
      expect(ids.has(b.custom_id)).toBe(false);
      ids.add(b.custom_id);
    }
  }
  expect(p.allowedMentions.parse).toEqual([]);
}

describe('render', () => {
  it('keeps a 10,000-character answer with 30 related questions and long labels within limits', () => {
    const p = renderAnswer(
      answer({ question: 'q'.repeat(400), text: 'x'.repeat(10_000), related: many(30), truncated: true }),
    );
    expectWithinLimits(p);
    expect(p.embeds[0]?.description?.endsWith('…')).toBe(true);
    expect(p.components[0]?.components).toHaveLength(5);
  });

  it('keeps 30 "did you mean" suggestions within limits when not answered', () => {
    const p = renderAnswer(answer({ answered: false, sources: [], suggestions: many(30), factId: null }));
    expectWithinLimits(p);
    expect(p.embeds[0]?.fields?.[0]?.name).toBe('Did you mean…');
  });

  it('drops buttons whose custom id would pass 100 characters and duplicates of a fact', () => {
    const p = renderAnswer(
      answer({ related: [{ factId: 'x'.repeat(100), question: 'Too long' }, ...many(1), ...many(1)] }),
    );
    expect(p.components[0]?.components.map((b) => b.custom_id)).toEqual(['fact:fact-number-0:en']);
  });

  it('keeps several huge answers (as in /nato) under the 6,000-character total', () => {
    const huge = answer({ text: 'y'.repeat(10_000), related: many(30) });
    expectWithinLimits(renderAnswers([huge, huge, huge]));
  });

  it('links the source section with a text fragment', () => {
    expect(sectionUrl({ title: 't', section: 'Trade: USMCA-era, deals', url: 'https://e.com/a' })).toBe(
      'https://e.com/a#:~:text=Trade%3A%20USMCA%2Dera%2C%20deals',
    );
    expect(JSON.stringify(renderAnswer(answer()).embeds[0]?.fields)).toContain(
      'https://example.com/a#:~:text=',
    );
  });

  it('gives at most 25 autocomplete choices with names and values of at most 100 characters', () => {
    const choices = renderChoices(many(40));
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('builds /help from the command list, privately', () => {
    const p = renderHelp(helpEntries(commands), 'en', 'I answer questions.');
    expectWithinLimits(p);
    for (const c of commands) expect(p.embeds[0]?.description).toContain(c.data.name);
    expect(p.flags).toBeDefined();
  });

  it('truncates without splitting a surrogate pair', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(fitEmbed({ title: 't'.repeat(300) }).title?.length).toBe(256);
  });
});
