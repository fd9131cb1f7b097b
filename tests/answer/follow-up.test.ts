// Follow-ups: a question that only makes sense after the previous one is read in the conversation's
// context (the history); one that stands alone is answered on its own. Unit tests of the resolution
// on the fixture knowledge base (tests/fixtures/transit), and the conversations on the
// shipped one.
import { describe, expect, it } from 'vitest';
import { createBrain } from '../../src/answer/brain.js';
import { Matcher } from '../../src/answer/match.js';
import { followUpOpening, lendContext, substitute } from '../../src/answer/resolve.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { brain as shipped } from '../support/brain.js';

const kb = loadKnowledge('tests/fixtures/transit');
const brain = createBrain(kb);
const { analyzer, lexicon } = new Matcher(kb);
const analyze = (q: string) => analyzer.analyze(q, 'en');

describe('resolving a part against the previous question', () => {
  it('replaces the previous question’s entities of the same kind by the follow-up’s', () => {
    const read = substitute(lexicon, analyze('Does the LTA connect with RailNet?'), analyze('Skybus'));
    expect(read.entities).toEqual(['skybus']);
    expect(read.tokens).toEqual(['connect', 'skybus']);
  });

  it('in the second half of one sentence, replaces only the entity the conjunction joins it to', () => {
    const read = substitute(lexicon, analyze('Does the LTA connect with RailNet?'), analyze('Skybus'), true);
    expect(read.entities).toEqual(['lta', 'skybus']);
  });

  it('lends the previous question’s entities to a follow-up naming none, kind by kind', () => {
    expect(lendContext(lexicon, analyze('What is the LTA?'), analyze('who runs it')).entities).toEqual([
      'lta',
    ]);
    const own = analyze('does Oakport have trams');
    expect(lendContext(lexicon, analyze('Is Lindenfeld served by the LTA?'), own).entities).toEqual([
      'lta',
      'oakport',
    ]);
  });

  it('knows the phrases that open a follow-up, in both languages, longest first', () => {
    expect(followUpOpening(lexicon, 'what about oakport')).toEqual({ rest: 'oakport' });
    expect(followUpOpening(lexicon, 'y que hay de oakport')).toEqual({ rest: 'oakport' });
    expect(followUpOpening(lexicon, 'andorra')).toBeNull();
  });
});

describe('a conversation', () => {
  it('reads "what about <place>?" as the previous question about that place', () => {
    const history = ['Do the trams run at night?'];
    const a = brain.ask('what about Oakport?', { history });
    expect(a.answered).toBe(false);
    expect(a.text).toMatch(/about Oakport/);
    // "and in <place>?" too: about that place, never the night trams of the home city.
    expect(brain.ask('and in Mirren?', { history }).text).toMatch(/about Mirren/);
  });

  it('borrows the entity of the previous question for "who runs it?"', () => {
    expect(brain.ask('who runs it?', { history: ['What is the LTA?'] }).factId).toBe('lta-what-is');
  });

  it('lends the previous question’s organization to a follow-up naming only the home entity', () => {
    // "is Mexico in it?" after the Pacific Alliance asks about the Pacific Alliance, not NATO.
    const a = shipped.ask('is Mexico in it?', { history: ['What is the Pacific Alliance?'] });
    expect(a.factId).toBe('trade-pacific-alliance');
    expect(shipped.ask('has it been good for Mexico?', { history: ['What is the T-MEC?'] }).factId).toBe(
      'trade-usmca-impact',
    );
  });

  it('reads a follow-up made of a question word only ("why?", "really?") as asked of the previous question', () => {
    expect(brain.ask('why?', { history: ['Can I take a bike on the tram?'] }).factId).toBe('bikes-on-trams');
    expect(brain.ask('really?', { history: ['Do the trams run at night?'] }).factId).toBe('night-trams');
    // Alone, it asks nothing.
    expect(brain.ask('why?').answered).toBe(false);
  });

  it('reads "what is it?" as asking about the previous question’s entity, not the previous question again', () => {
    // "it" points back at the LTA: the question is what the LTA is, not whether it serves the city.
    const a = brain.ask('what is it?', { history: ['Is Lindenfeld served by the LTA?'] });
    expect(a).toMatchObject({ factId: 'lta-what-is', confidence: 1 });
    expect(shipped.ask('ok but what is that?', { history: ['is mexico in nato?'] }).factId).toBe(
      'nato-what-is',
    );
    // With no word pointing back, "why?" still asks the previous question again.
    expect(shipped.ask('why is that?', { history: ['is mexico in nato?'] }).factId).toBe('nato-why-not');
  });

  it('asks a short follow-up’s words of the previous question when that question named nothing to borrow', () => {
    // Before, "and at what times?" was matched alone and declined; it asks when bikes may ride.
    expect(brain.ask('and at what times?', { history: ['Can I take a bike on the tram?'] }).factId).toBe(
      'bikes-on-trams',
    );
    // Alone, "de qué se tratan" got the fact on what NATO is.
    expect(
      shipped.ask('¿y de qué se tratan?', { history: ['¿México tiene acuerdos ambientales?'] }).factId,
    ).toBe('environment-climate');
  });

  it('reads "is <home country> in it?" after a question about another country as about the home country', () => {
    expect(shipped.ask('is mexico in it?', { history: ['is brazil in nato?'] }).factId).toBe(
      'nato-membership',
    );
    expect(shipped.ask('¿méxico está?', { history: ['¿españa está en la otan?'] }).factId).toBe(
      'nato-membership',
    );
  });

  it('reads "and what is <organization>?" as a question of its own, not the previous one about it', () => {
    expect(shipped.ask('and what is nato?', { history: ['is mexico in nato?'] }).factId).toBe('nato-what-is');
    expect(shipped.ask('is mexico in nato? and what is nato').factIds).toEqual([
      'nato-membership',
      'nato-what-is',
    ]);
  });

  it('reads "is <place> in it?" as asking about the previous question’s organization, never a fact about the place', () => {
    // Alone, "is the us in it" names only the United States and got the USMCA fact.
    expect(shipped.ask('is the us in it?', { history: ['what does nato focus on?'] }).answered).toBe(false);
    expect(shipped.ask('is canada in it?', { history: ['what is the usmca?'] }).factId).toBe('trade-usmca');
  });

  it('reads "what about <subject>?" as the previous question with its subject replaced', () => {
    // Before, the cultural question's words came along and outweighed the environment.
    const history = ['does mexico have cultural exchanges with other countries?'];
    expect(shipped.ask('what about the environment?', { history }).factId).toBe('environment-climate');
    expect(shipped.ask('¿y en medio ambiente?', { history }).factId).toBe('environment-climate');
  });

  it('asks "which countries are in it?" of the previous organization, and does not carry that ask on', () => {
    expect(shipped.ask('which countries are in it?', { history: ['what is nato?'] }).answered).toBe(false);
    // "quienes estan?" asked for the members; the next turn asks what the treaty did, not who is in it.
    const history = ['que es el tmec', 'quienes estan?'];
    expect(shipped.ask('y le ha servido a mexico?', { history }).factId).toBe('trade-usmca-impact');
  });

  it('reads "and <org>?" after a question about the home country and no organization as whether it is in it', () => {
    expect(shipped.ask('and nato?', { history: ['what alliances does mexico have'] }).factId).toBe(
      'nato-membership',
    );
    const history = ['what international organizations is mexico in?'];
    expect(shipped.ask('and the OAS?', { history }).factId).toBe('org-oas');
  });

  it('reads a bare "<home> in <org>?" after a question naming no organization as a question of its own', () => {
    // It has no name to take the place of: before, it was read as the source question about the UN.
    const history = ['where do you get your info from?'];
    expect(shipped.ask('ok, mexico in the UN?', { history }).factId).toBe('org-un');
    // The home entity takes no one's place: after the organizations overview, it asks about the WTO.
    const after = ['what international organizations is mexico in?'];
    expect(shipped.ask('mexico in the WTO?', { history: after }).factId).toBe('org-wto');
  });

  it('answers a question that stands alone on its own, whatever came before', () => {
    const history = ['Do the trams run at night?'];
    expect(brain.ask('Can I take a bike on the tram?', { history }).factId).toBe('bikes-on-trams');
    expect(brain.ask('hi', { history }).explain.tier).toBe('smalltalk');
  });

  it('follows the issue’s conversations on the shipped knowledge base', () => {
    const nato = ['Is Mexico in NATO?'];
    expect(shipped.ask('why not?', { history: ['¿México está en la OTAN?'] }).factId).toBe('nato-why-not');
    expect(shipped.ask('¿y por qué?', { history: ['¿México está en la OTAN?'] })).toMatchObject({
      factId: 'nato-why-not',
      lang: 'es',
    });
    expect(shipped.ask("who's in it?", { history: ['What is the Pacific Alliance?'] }).factId).toBe(
      'trade-pacific-alliance',
    );
    expect(shipped.ask('and the WTO?', { history: nato }).factId).toBe('org-wto');
    // Asks whether Canada is in NATO: declined, never the USMCA fact.
    const canada = shipped.ask('what about Canada?', { history: nato });
    expect(canada.answered).toBe(false);
    expect(canada.factIds).toEqual([]);
    expect(shipped.ask('and Canada?', { history: nato }).answered).toBe(false);
    // A chain: "and the WTO?" is about the WTO, so "what about Brazil?" asks whether Brazil is in the WTO.
    expect(shipped.ask('what about Brazil?', { history: [...nato, 'and the WTO?'] }).text).toMatch(/Brazil/);
    // Standing alone: answered on its own.
    expect(shipped.ask('Is Mexico in the UN?', { history: nato }).factId).toBe('org-un');
    expect(shipped.ask('Does it cooperate on climate?', { history: nato }).factId).toBe(
      'environment-climate',
    );
  });
});
