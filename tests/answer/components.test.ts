// The ablation switches (src/answer/components.ts) really switch their component off: the eval's
// ablation table is only worth reading if each row is the brain without that one part. On the
// fixture knowledge base (tests/fixtures/transit).
import { describe, expect, it } from 'vitest';
import { createBrain } from '../../src/answer/brain.js';
import type { Component } from '../../src/answer/components.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const kb = loadKnowledge('tests/fixtures/transit');
const full = createBrain(kb);
const without = (c: Component) => createBrain(kb, { off: [c] });

describe('switching one component of the brain off', () => {
  it('typos: a misspelt question no longer finds its fact', () => {
    const q = 'Do the trmas run at nihgt?';
    expect(full.ask(q).factId).toBe('night-trams');
    expect(without('typos').ask(q).factId).not.toBe('night-trams');
  });

  it('parts: the second question of a message is no longer answered', () => {
    const q = 'Do the trams run at night and can I take a bike on them?';
    expect(full.ask(q).factIds).toEqual(['night-trams', 'bikes-on-trams']);
    expect(without('parts').ask(q).factIds ?? []).not.toContain('bikes-on-trams');
  });

  it('follow-ups: "what about Oakport?" is no longer read after the previous question', () => {
    const history = ['Do the trams run at night?'];
    // Read in the conversation, it asks whether the trams run at night in Oakport.
    expect(full.ask('what about Oakport?', { history }).explain.tokens).toEqual(
      expect.arrayContaining(['tram', 'night', 'oakport']),
    );
    expect(without('follow-ups').ask('what about Oakport?', { history }).explain.tokens).not.toContain(
      'night',
    );
  });

  it('entity-guard: a question about an entity no fact is about is no longer declined for it', () => {
    const q = 'Does the LTA connect with Skybus?';
    expect(full.ask(q).answered).toBe(false);
    expect(full.ask(q).explain.reason).toMatch(/skybus/);
    expect(without('entity-guard').ask(q).explain.reason ?? '').not.toMatch(/skybus/);
  });

  it('leaves every other component on: the shipped brain and a brain with nothing off agree', () => {
    const none = createBrain(kb, { off: [] });
    for (const q of ['Do the trams run at night?', 'How much is a single tram ticket?', 'What is the LTA?'])
      expect(none.ask(q)).toEqual(full.ask(q));
  });
});
