// The same engine on a second knowledge base about another subject (tests/fixtures/transit: the
// public transport of a fictional city): normalizing, matching, declining and small talk all come
// from that base's own data, and nothing of the shipped knowledge base leaks in.
import { describe, expect, it } from 'vitest';
import { createBrain } from '../../src/answer/brain.js';
import { Matcher } from '../../src/answer/match.js';
import { shorthandExpander } from '../../src/answer/lexicon.js';
import { smallTalkOf } from '../../src/answer/smalltalk.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const kb = loadKnowledge('tests/fixtures/transit');
const brain = createBrain(kb);
const matcher = new Matcher(kb);

describe('a knowledge base about a city’s public transport', () => {
  it('normalizes with its own synonyms and entity names', () => {
    expect(matcher.analyzer.analyze('Are streetcars running overnight?', 'en').tokens).toEqual([
      'tram',
      'run',
      'night',
    ]);
    // A Spanish name of an organization folds to its token, the longest name first.
    const es = matcher.analyzer.analyze(
      '¿La Autoridad de Tránsito de Lindenfeld conecta con los Ferrocarriles Nacionales?',
      'es',
    );
    expect(es.entities).toEqual(['lta', 'railnet']);
  });

  it('folds plurals but keeps question words whole ("cuales" is not a plural of "cuale"; "whats" is "what")', () => {
    expect(matcher.analyzer.analyze('¿con cuáles?', 'es').tokens).toEqual(['cuales']);
    expect(matcher.analyzer.analyze('whats night trams', 'en').tokens).toEqual(['what', 'night', 'tram']);
  });

  it('reads "what does X do?" as asking its purpose, with the language file’s word and no synonym of the shipped base', () => {
    expect(matcher.analyzer.analyze('What does the LTA do?', 'en').tokens).toEqual([
      'purpose',
      'what',
      'lta',
    ]);
    expect(matcher.analyzer.analyze('What is the LTA?', 'en').tokens).not.toContain('purpose');
    // Chat drops the "does" and trails off: still what it is for.
    expect(matcher.analyzer.analyze('whats the LTA even do tho', 'en').tokens).toContain('purpose');
  });

  it('writes chat shorthand out from the language files, whole words only', () => {
    const expand = shorthandExpander(matcher.lexicon);
    expect(expand('Q es la LTA? y pq no hay tranvías?')).toBe('que es la LTA? y porque no hay tranvías?');
    expect(expand('can u take a bike on the tram bc its late')).toBe(
      'can you take a bike on the tram because its late',
    );
    // Inside a word, nothing changes.
    expect(expand('quick urban bus')).toBe('quick urban bus');
  });

  it('takes "it" of "appreciate it" for thanks only when the message is that small: "so is it?" asks', () => {
    const smallTalk = smallTalkOf(matcher.lexicon);
    expect(smallTalk.kind('appreciate it')).toBe('thanks');
    expect(smallTalk.kind('ok')).toBe('thanks');
    expect(smallTalk.kind('so is it?')).toBeNull();
    // A request made only of small words asks for the question before it, and adds no part of its own.
    expect(brain.ask('Does the LTA plan a strike this spring? Can you tell me that?').answered).toBe(false);
  });

  it('declines a word most facts share ("trams?"), suggesting those facts, and answers a telling one', () => {
    const trams = brain.ask('trams?');
    expect(trams.answered).toBe(false);
    expect(trams.suggestions.map((s) => s.factId)).toContain('night-trams');
    expect(brain.ask('bikes?').factId).toBe('bikes-on-trams');
  });

  it('declines a first question that only points back ("who runs it?"), suggesting what it can answer', () => {
    const a = brain.ask('who runs it?');
    expect(a.answered).toBe(false);
    expect(a.suggestions.length).toBeGreaterThan(0);
    // After a question it is read in that question's context; and "this" before a word is no pointer.
    expect(brain.ask('who runs it?', { history: ['What is the LTA?'] }).factId).toBe('lta-what-is');
    expect(brain.ask('where does this info come from?').factId).toBe('transit-source');
  });

  it('answers its own questions, in either language, with their sources', () => {
    const night = brain.ask('do the trams run late');
    expect(night).toMatchObject({ answered: true, factId: 'night-trams', lang: 'en' });
    expect(night.sources[0]?.url).toBe('https://example.org/lindenfeld/night');
    expect(brain.ask('¿Hay tranvías de noche?')).toMatchObject({ factId: 'night-trams', lang: 'es' });
    expect(brain.ask('can i bring my bicycle on the tram').factId).toBe('bikes-on-trams');
    expect(brain.ask('what does LTA stand for').factId).toBe('lta-what-is');
  });

  it('declines a question about a city it has no facts for, naming it in its own words', () => {
    const a = brain.ask('Does the Oakport tram run at night?');
    expect(a.answered).toBe(false);
    expect(a.text).toBe(
      "I only know Lindenfeld's public transport, and nothing that answers this about Oakport.",
    );
    expect(a.suggestions.map((s) => s.factId)).toContain('night-trams');
  });

  it('declines a message naming only the home city, which every fact is about, and suggests facts', () => {
    const a = brain.ask('Lindenfeld?');
    expect(a.answered).toBe(false);
    expect(a.explain.reason).toMatch(/names only lindenfeld/);
    expect(a.suggestions.length).toBeGreaterThan(0);
  });

  it('declines a question asking for an opinion, which no fact gives, in either language', () => {
    expect(brain.ask('Do the trams run at night?').factId).toBe('night-trams');
    const should = brain.ask('Should the trams run at night?');
    expect(should.answered).toBe(false);
    expect(should.explain.reason).toMatch(/opinion/);
    expect(brain.ask('¿Deberían los tranvías circular de noche?').answered).toBe(false);
    // A prediction is an opinion too: no fact says what will happen.
    expect(brain.ask('will the trams run at night in the future?').answered).toBe(false);
  });

  it('declines a date it has no fact for, and a subject it has never heard of', () => {
    expect(brain.ask('when was the LTA founded').answered).toBe(false);
    const nato = brain.ask('is mexico in nato?');
    expect(nato.answered).toBe(false);
    expect(nato.text).toMatch(/public transport in Lindenfeld/);
  });

  it('speaks with its own persona for small talk and empty questions', () => {
    expect(brain.ask('hi').text).toBe('Hello! Ask me about trams, buses and tickets in Lindenfeld.');
    expect(brain.ask('¿quién eres?').text).toBe('Soy el asistente de transporte de Lindenfeld.');
    expect(brain.ask('   ').text).toMatch(/^Ask me about trams and buses in Lindenfeld/);
    expect(brain.persona.featured.facts).toEqual(['night-trams']);
  });
});
