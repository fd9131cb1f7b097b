// Long messages: the question is found wherever it sits, context given first still counts, and a
// one-sentence question is matched exactly as before. Unit tests on the fixture knowledge base
// (tests/fixtures/transit), and the shipped one for the messages users wrote.
import { describe, expect, it } from 'vitest';
import { createBrain } from '../../src/answer/brain.js';
import { buildLexicon } from '../../src/answer/lexicon.js';
import { hasSeveralSentences, segmentMessage } from '../../src/answer/segment.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { brain as shipped } from '../support/brain.js';

const kb = loadKnowledge('tests/fixtures/transit');
const lexicon = buildLexicon(kb);
const brain = createBrain(kb);

describe('segmenting a message into sentences', () => {
  it('takes a sentence joined on with a conjunction and holding a question word as asking, without a "?"', () => {
    expect(segmentMessage('Do the trams run at night? and if not why', lexicon)).toEqual([
      { text: 'Do the trams run at night?', question: true },
      { text: 'and if not why', question: true },
    ]);
    // A conjunction alone does not make a statement a question.
    expect(segmentMessage('I take the tram. and I like it', lexicon).map((s) => s.question)).toEqual([
      false,
      false,
    ]);
    expect(shipped.ask('is mexico in nato? and if not why').factIds).toEqual([
      'nato-membership',
      'nato-why-not',
    ]);
  });

  it('splits at sentence ends and marks the sentences that ask', () => {
    expect(
      segmentMessage('I moved here last week. My office is downtown. do the trams run at night', lexicon),
    ).toEqual([
      { text: 'I moved here last week.', question: false },
      { text: 'My office is downtown.', question: false },
      { text: 'do the trams run at night', question: true },
    ]);
    expect(segmentMessage('Hola. ¿Hay tranvías de noche? Gracias', lexicon).map((s) => s.question)).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('keeps abbreviations inside their sentence', () => {
    expect(segmentMessage('Is the U.S. tram like ours? I wonder.', lexicon).map((s) => s.text)).toEqual([
      'Is the U.S. tram like ours?',
      'I wonder.',
    ]);
    // A short word ending a sentence is no abbreviation: "it." used to join the next sentence to it.
    expect(segmentMessage('My tram broke down, I hated it. Do the trams run at night?', lexicon)).toEqual([
      { text: 'My tram broke down, I hated it.', question: false },
      { text: 'Do the trams run at night?', question: true },
    ]);
  });

  it('marks a sentence opening with a conjunction and then a question’s opening as asking, without "?"', () => {
    expect(segmentMessage('where is your info from? and do the trams run at night', lexicon)).toEqual([
      { text: 'where is your info from?', question: true },
      { text: 'and do the trams run at night', question: true },
    ]);
  });

  it('splits a question from a leading clause that asks nothing, which is context', () => {
    const text =
      'Anyway, before my landlord locks the door, can someone tell me whether the trams run at night?';
    expect(segmentMessage(`I missed the bus. ${text}`, lexicon)).toEqual([
      { text: 'I missed the bus.', question: false },
      { text: 'Anyway, before my landlord locks the door,', question: false },
      { text: 'can someone tell me whether the trams run at night?', question: true },
    ]);
    // A question opening as one keeps its commas ("is X, or Y?").
    expect(segmentMessage('Hi. Is it cheap, or not?', lexicon).at(-1)).toEqual({
      text: 'Is it cheap, or not?',
      question: true,
    });
  });

  it('splits a numbered list into its items, and a question after a colon from what leads to it', () => {
    expect(
      segmentMessage('two things pls 1) do the trams run at night 2) can I take a bike on them', lexicon),
    ).toEqual([
      { text: 'two things pls', question: false },
      { text: 'do the trams run at night', question: true },
      { text: 'can I take a bike on them', question: true },
    ]);
    expect(
      segmentMessage('before I look silly, can someone confirm: do the trams run at night?', lexicon),
    ).toEqual([
      { text: 'before I look silly, can someone confirm:', question: false },
      { text: 'do the trams run at night?', question: true },
    ]);
    // A colon before something that does not ask stays inside its sentence.
    expect(segmentMessage('Night service: do you know it?', lexicon)).toHaveLength(2);
    expect(segmentMessage('Note: the trams are blue.', lexicon)).toHaveLength(1);
  });

  it('sees at once that a one-sentence question needs no segmenting', () => {
    expect(hasSeveralSentences('Do the trams run at night?')).toBe(false);
    expect(hasSeveralSentences('Hi! Do the trams run at night?')).toBe(true);
  });
});

describe('answering a long message', () => {
  const context =
    'I just moved to the city for a new job and I work late shifts at the hospital most days of the week, ' +
    'which means I usually leave after eleven and the taxis are expensive. My neighbour said something ' +
    'about the buses but I did not really follow what he meant and I do not want to be stuck downtown. ';

  it('finds the question at the end of a long message and answers it', () => {
    const a = brain.ask(`${context}So, do the trams run at night?`);
    expect(a).toMatchObject({ answered: true, factId: 'night-trams', truncated: false });
  });

  it('reads a question naming nothing with the place the context named', () => {
    // "it" is Oakport: no fact is about it, so this is declined rather than answered about Lindenfeld.
    const a = brain.ask('I am visiting Oakport next month. Does it have night trams?');
    expect(a.answered).toBe(false);
    expect(a.text).toMatch(/about Oakport/);
  });

  it('leaves small talk around the question out', () => {
    expect(brain.ask('Hello! Can I take a bike on the tram? Thanks').factId).toBe('bikes-on-trams');
  });

  it('answers the shipped knowledge base’s question after 400 characters of context, uncut', () => {
    const message =
      'ok so my cousin and I have been arguing about this for like a week now, he keeps saying that because ' +
      'Mexico works so closely with the United States on security and trade it must be part of the big ' +
      'military alliance, and I told him that is not how it works at all but he does not believe me and ' +
      'honestly I am not completely sure either, we looked online and found a lot of contradicting stuff. ' +
      'so, is mexico in nato?';
    expect(message.length).toBeGreaterThan(400);
    const a = shipped.ask(message);
    expect(a).toMatchObject({ answered: true, factId: 'nato-membership', truncated: false });
    expect(shipped.ask('I am reading about Brazil. Is it in NATO?').answered).toBe(false);
  });
});
