// Several questions in one message: each part the knowledge base answers is answered in one reply,
// each part it cannot answer is named plainly, and factIds lists every fact used. On the fixture
// knowledge base (tests/fixtures/transit) and on the shipped one for the messages the issue quotes.
import { describe, expect, it } from 'vitest';
import { createBrain } from '../../src/answer/brain.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { brain as shipped } from '../support/brain.js';

const brain = createBrain(loadKnowledge('tests/fixtures/transit'));

describe('a message asking several things', () => {
  it('answers two questions joined by "and", in the order asked, with both facts’ sources', () => {
    const a = brain.ask('Do the trams run at night and can I take a bike on them?');
    expect(a).toMatchObject({
      answered: true,
      factId: 'night-trams',
      factIds: ['night-trams', 'bikes-on-trams'],
    });
    expect(a.text).toMatch(/^Yes\. Lines 1 and 4 run all night.*\n\nYes, outside the rush hours/s);
    expect(a.sources.map((s) => s.section)).toEqual(['Night service', 'Bikes']);
    // A related question already answered is not offered again.
    expect(a.related.map((r) => r.factId)).not.toContain('bikes-on-trams');
  });

  it('answers the part it can and says plainly which part it cannot', () => {
    const a = brain.ask('How much is a single ticket, and when was the LTA founded?');
    expect(a.factIds).toEqual(['single-ticket']);
    expect(a.text).toMatch(/^A single ticket costs 2 crowns/);
    expect(a.text).toMatch(/I can't answer "when was the lta founded" from the transit guide\.$/);
  });

  it('never answers the second half about the first half’s entity', () => {
    const a = brain.ask('Does the LTA connect with RailNet and Skybus?');
    expect(a.factIds).toEqual(['railnet-connection']);
    expect(a.text).toMatch(/I can't answer "skybus"/);
  });

  it('keeps one question whole when the conjunction joins two things it asks about together', () => {
    expect(brain.ask('Are bikes and scooters allowed on trams?').factIds).toEqual(['bikes-on-trams']);
  });

  it('keeps one question whole when "and" joins the home country to an organization, which asks about both', () => {
    // Split, the first half ("whats the deal w/ mx") was answered on its own with the trade overview.
    expect(shipped.ask('whats the deal w/ mx and nato').factIds).toEqual(['nato-membership']);
    expect(shipped.ask('is mexico in nato and the un?').factIds).toEqual(['nato-membership', 'org-un']);
  });

  it('does not split at a conjunction after a lone name: "X also ...?" is one question', () => {
    const a = brain.ask('The LTA also connects with RailNet?');
    expect(a.factIds).toEqual(['railnet-connection']);
    expect(a.text).not.toMatch(/I can't answer/);
  });

  it('reads a few parts at most, however many a message strings together', () => {
    const a = shipped.ask(
      'is mexico in nato and the un and the wto and the oas and '.repeat(30).slice(0, 2000),
    );
    expect(a.factIds).toEqual(['nato-membership', 'org-un', 'org-wto', 'org-oas']);
    expect(shipped.ask('Is Mexico in NATO? '.repeat(100)).factIds).toEqual(['nato-membership']);
  });

  it('splits at a conjunction before a question opening with two words or with "whether" / "si"', () => {
    expect(brain.ask('¿qué es la LTA y de dónde sale tu información?').factIds).toEqual([
      'lta-what-is',
      'transit-source',
    ]);
    // The second half names nothing: read with the LTA it answers nothing, so it stands alone.
    expect(brain.ask('tell me what the LTA is and whether the trams run at night').factIds).toEqual([
      'lta-what-is',
      'night-trams',
    ]);
  });

  it('reads a later sentence that is only a name ("... the OAS? NATO?") as the previous question about it', () => {
    expect(shipped.ask('is mexico in the UN? the OAS? NATO?').factIds).toEqual([
      'org-un',
      'org-oas',
      'nato-membership',
    ]);
  });

  it('reads "is <org> one of them?" as asking it of the home country, but not "is <org> a military alliance?"', () => {
    expect(shipped.ask('what alliances does mexico have, and is nato one of them?').factIds).toEqual([
      'alliances-overview',
      'nato-membership',
    ]);
    expect(shipped.ask('¿está en la OTAN?').factId).toBe('nato-membership');
    expect(shipped.ask('Is NATO a military alliance?').factId).toBe('nato-what-is');
    expect(shipped.ask('can you explain what nato is?').factId).toBe('nato-what-is');
  });

  it('reads the context sentences’ names only into a question that points back at them or names nothing', () => {
    // Skybus, named on the way, is not what the question asks about: it names what it asks about.
    const q = 'I took the Skybus to Oakport last week. Can I take a bike on the tram in Lindenfeld?';
    expect(brain.ask(q).factId).toBe('bikes-on-trams');
    // "it" points back at the LTA.
    expect(brain.ask('I read about the LTA. Who runs it?').factId).toBe('lta-what-is');
  });

  it('reads a tag question ("Right?", "¿o sí?") with the statement before it', () => {
    expect(brain.ask('You can take a bike on the tram. Right?').factIds).toEqual(['bikes-on-trams']);
    expect(brain.ask('Los tranvías no circulan de noche, ¿o sí?').factIds).toEqual(['night-trams']);
  });

  it('reads a later question opening as a follow-up after the message’s previous question', () => {
    // "what about Lindenfeld?" asks whether the trams run at night there, not what Lindenfeld is.
    const a = brain.ask('Do the trams run at night in Oakport? And what about Lindenfeld?');
    expect(a.factIds).toEqual(['night-trams']);
    expect(a.text).toMatch(/I can't answer "Do the trams run at night in Oakport\?"/);
  });

  it('answers the issue’s messages on the shipped knowledge base', () => {
    const both = shipped.ask('is mexico in nato and the un?');
    expect(both.factIds).toEqual(['nato-membership', 'org-un']);
    expect(both.factId).toBe('nato-membership');
    const three = shipped.ask('what is the Pacific Alliance and who is in it, and when was it created?');
    expect(three.factIds).toEqual(['trade-pacific-alliance']);
    expect(three.text).toMatch(/I can't answer "when was it created"/);
    expect(shipped.ask('Is Mexico in NATO and why not?').factIds).toEqual([
      'nato-membership',
      'nato-why-not',
    ]);
    const brazil = shipped.ask('is mexico in nato and brazil?');
    expect(brazil.factIds).toEqual(['nato-membership']);
    expect(brazil.text).toMatch(/I can't answer "brazil"/);
  });
});
