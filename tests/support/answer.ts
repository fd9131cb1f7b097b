// A factual Answer for renderer tests, as the brain would return it; override what a test varies.
import type { Answer } from '../../src/answer/types.js';

export function makeAnswer(overrides: Partial<Answer> = {}): Answer {
  const factId = overrides.factId === undefined ? 'nato-membership' : overrides.factId;
  return {
    question: 'Is Mexico in NATO?',
    answered: true,
    text: 'Mexico is not a member of NATO.',
    confidence: 1,
    factId: 'nato-membership',
    topic: 'security',
    lang: 'en',
    sources: [],
    related: [],
    suggestions: [],
    truncated: false,
    explain: { tier: 'exact', tokens: [], best: null, reason: null },
    factIds: factId ? [factId] : [],
    ...overrides,
  };
}
