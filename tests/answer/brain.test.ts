import { describe, expect, it } from 'vitest';
import { brain } from '../support/brain.js';
import { MAX_QUESTION_LENGTH } from '../../src/answer/types.js';

const ARTICLE = 'https://www.jluggage.com/blog/world/is-mexico-in-nato/';

describe('the brain', () => {
  it("answers 'is mexico in nato' with the membership fact and its source", () => {
    const a = brain.ask('Is Mexico in NATO?');
    expect(a.answered).toBe(true);
    expect(a.factId).toBe('nato-membership');
    expect(a.text).toMatch(/^Mexico is not a member/);
    expect(a.sources[0]?.url.startsWith(ARTICLE)).toBe(true);
    expect(a.related.map((r) => r.factId)).toContain('nato-why-not');
  });

  it('never opens with a Yes or No that a negated, doubtful or open question would read backwards', () => {
    const asked = [
      "Someone told me Mexico isn't in the UN, is that right?",
      'Can Mexico still form alliances without NATO?',
      'what is the OAS',
      'should Mexico join NATO?',
      'Mexico is in NATO, right?',
      'Mexico is not in NATO, right?',
      "Isn't Mexico in the WTO?",
      '¿México no está en la ONU, verdad?',
      '¿Acaso México no es parte de la OTAN?',
    ];
    for (const q of asked) expect(brain.ask(q).text, q).not.toMatch(/^\W*(yes|no|s[ií])\b/i);
    // The statement itself carries the answer, whichever way the question leaned.
    expect(brain.ask('Mexico is not in NATO, right?').text).toMatch(
      /^Mexico is not a member of the North Atlantic/,
    );
    expect(brain.ask("Someone told me Mexico isn't in the UN, is that right?").text).toMatch(
      /^Mexico is a member of the United Nations/,
    );
  });

  it('forgives typos, missing accents and shouting', () => {
    expect(brain.ask('is mexcio in nato').factId).toBe('nato-membership');
    expect(brain.ask('IS MEXICO PART OF THE USMCA').factId).toBe('trade-usmca');
    expect(brain.ask('que es el tmec').factId).toBe('trade-usmca');
  });

  it('corrects a typo that makes another real word inside a name, and only there', () => {
    expect(brain.ask('is mexico in the untied nations').factId).toBe('org-un');
    expect(brain.ask('is mexico part of the word trade organization').factId).toBe('org-wto');
    expect(brain.ask('is mexico part of the word trade organization').explain.tokens).toContain('wto');
    // "gano" is a word the knowledge base uses ("¿qué ganó?"): it is not turned into "año" of "¿en qué año?".
    expect(brain.ask('¿Qué ganó México con el T-MEC?').explain.tokens).not.toContain('when');
  });

  it('reads past chat filler and a trailing "exactly"', () => {
    expect(brain.ask('bro is mexico in nato fr').factId).toBe('nato-membership');
    expect(brain.ask('oigan, ¿México es de la OTAN?').factId).toBe('nato-membership');
    expect(brain.ask('what does nato do exactly').factId).toBe('nato-focus');
    expect(brain.ask('tbh').answered).toBe(false);
  });

  it('reads "done for", staying outside and making friends as the words the facts use', () => {
    expect(brain.ask('What has the USMCA done for Mexico?').explain.tokens).toContain('benefit');
    expect(brain.ask('generally speaking, is mexico in nato').factId).toBe('nato-membership');
    expect(brain.ask("Does staying outside NATO limit Mexico's friendships?").factId).toBe('nato-impact');
    expect(brain.ask("Does being outside NATO limit Mexico's allies?").factId).toBe('nato-impact');
    expect(brain.ask('Does remaining outside NATO cost Mexico friends?').explain.tokens).toEqual(
      expect.arrayContaining(['outside', 'ally']),
    );
    // "What prevents / keeps Mexico from joining" asks why, not what staying out costs.
    expect(brain.ask('What prevents Mexico from joining NATO?').factId).toBe('nato-why-not');
    expect(brain.ask('What keeps Mexico from joining NATO?').factId).toBe('nato-why-not');
    expect(brain.ask('¿Qué impide que México entre en la OTAN?').factId).toBe('nato-why-not');
  });

  it('reads chat shorthand written out ("por q" asks why), and shows the question as asked', () => {
    const a = brain.ask('por q mexico no esta en la otan?');
    expect(a).toMatchObject({ factId: 'nato-why-not', question: 'por q mexico no esta en la otan?' });
  });

  it('declines "which countries are in <org>?" unless a fact lists them (the members role)', () => {
    expect(brain.ask('Which countries are in NATO?').answered).toBe(false);
    expect(brain.ask('que paises estan en la otan').answered).toBe(false);
    expect(brain.ask('which countries are in the pacific alliance?').factId).toBe('trade-pacific-alliance');
    expect(brain.ask('who is in the usmca?').factId).toBe('trade-usmca');
  });

  it('declines a prediction, which the article does not make, and still answers the membership', () => {
    expect(brain.ask('¿México va a entrar a la OTAN algún día?').answered).toBe(false);
    expect(brain.ask('did mexico join nato?').factId).toBe('nato-membership');
  });

  it('reads a claim with a time in it ("joined recently", "desde hace años") as the claim, and still declines asking when', () => {
    expect(brain.ask('my cousin thinks mexico joined nato recently').factId).toBe('nato-membership');
    expect(brain.ask('mi abuela dice que méxico está en la otan desde hace años').factId).toBe(
      'nato-membership',
    );
    expect(brain.ask('how many years has mexico been in the un?').answered).toBe(false);
    expect(brain.ask('since when is mexico in the un?').answered).toBe(false);
  });

  it('reads the Spanish article "un" as the UN where no word follows it, or a conjunction does', () => {
    expect(brain.ask('bro, ¿México está en la UN?').factId).toBe('org-un');
    expect(brain.ask('¿México está en la UN y la OEA?').factIds).toEqual(['org-un', 'org-oas']);
    expect(brain.ask('¿México es un país importante?').factId).toBe('diplomacy-global-role');
  });

  it('reads past Mexican chat filler and asks what something did for the country', () => {
    expect(brain.ask('oye wey mx esta en la onu o q pedo').factId).toBe('org-un');
    expect(brain.ask('i always thought mexico was in nato, is it?').factId).toBe('nato-membership');
    expect(brain.ask('did the usmca do anything for mexico?').factId).toBe('trade-usmca-impact');
    // Fuse.js scores the two leading candidates: "a poco" of a membership phrasing no longer wins it.
    expect(brain.ask('a poco no estar en la otan no nos afecta?').factId).toBe('nato-impact');
  });

  it('weighs unheard-of words less in a long question, where chat puts filler ("or is it mostly talk?")', () => {
    const q = 'does mexico actually take part in international climate agreements or is it mostly talk?';
    expect(brain.ask(q).factId).toBe('environment-climate');
    // A short question made of an unheard-of word still says too little to answer.
    expect(brain.ask('what is the population of mexico?').answered).toBe(false);
  });

  it('does not take "when it comes to" for a question about a date', () => {
    expect(brain.ask('What does Mexico do when it comes to the environment?').factId).toBe(
      'environment-climate',
    );
    expect(brain.ask('When did Mexico join the UN?').answered).toBe(false);
  });

  it('knows other names for what it covers', () => {
    expect(brain.ask('Is Mexico in the Atlantic pact?').factId).toBe('nato-membership');
    expect(brain.ask('Is Mexico counted among NATO members?').factId).toBe('nato-membership');
    expect(brain.ask('my pal claims Mexico joined NATO').factId).toBe('nato-membership');
    expect(brain.ask('list the organizations Mexico belongs to').factId).toBe('orgs-overview');
    expect(brain.ask('Name the organizations Mexico is part of').factId).toBe('orgs-overview');
    expect(brain.ask('Does being outside NATO hold Mexico back?').factId).toBe('nato-impact');
    // Plurals of synonyms: "pacts" is "pact" is "agreement".
    expect(brain.ask('what trade pacts has Mexico got').explain.tokens).toContain('agreement');
    expect(brain.ask('¿El TLCAN sigue vigente?').factId).toBe('trade-usmca');
    expect(brain.ask('Is Canada a party to the USMCA?').factId).toBe('trade-usmca');
    expect(brain.ask("what is NATO's full name").factId).toBe('nato-what-is');
    expect(brain.ask('Does Mexico work on green issues with other countries?').factId).toBe(
      'environment-climate',
    );
    expect(brain.ask('¿México coopera en temas de sostenibilidad?').factId).toBe('environment-climate');
    // "big deal" is an idiom for important, not a trade deal; "bad for" is what hurt means.
    expect(brain.ask('is mexico a big deal in the world?').factId).toBe('diplomacy-global-role');
    expect(brain.ask('is mexico considered a big global player?').factId).toBe('diplomacy-global-role');
    // "renamed", "ya no existe": what "replaced" means for a treaty; "how big" asks a quantity.
    expect(brain.ask('so was nafta just renamed?').factId).toBe('trade-usmca');
    expect(brain.ask('¿el TLCAN ya no existe?').factId).toBe('trade-usmca');
    expect(brain.ask('¿el T-MEC antes se llamaba TLCAN?').factId).toBe('trade-usmca');
    expect(brain.ask('how big is the pacific alliance?').answered).toBe(false);
    expect(brain.ask('is being outside nato bad for mexico?').factId).toBe('nato-impact');
  });

  it('answers a Spanish question in Spanish, with the same source', () => {
    const a = brain.ask('¿México está en la OTAN?');
    expect(a.lang).toBe('es');
    expect(a.factId).toBe('nato-membership');
    expect(a.text).toMatch(/^México no es miembro/);
    expect(a.sources[0]?.url.startsWith(ARTICLE)).toBe(true);
  });

  it('lets light verbs ("keep making") count less than the words that carry the question', () => {
    expect(brain.ask('does mexico keep making new trade deals').factId).toBe('trade-overview');
    // A content verb is not light: running the OAS is not being a member of it.
    expect(brain.ask('Does Mexico govern the OAS?').answered).toBe(false);
  });

  it('reads a real word that is a small word with two letters swapped as that small word', () => {
    // "dose" is a real word, so plain typo correction keeps it, and it used to sink the match.
    expect(brain.ask('wat alliances dose mexico hav').factId).toBe('alliances-overview');
    expect(brain.ask('dose mexico belong to the oas').factId).toBe('org-oas');
  });

  it('reads "EU" as Estados Unidos in a Spanish question and as the European Union in an English one', () => {
    expect(brain.ask('¿eu está en el t-mec?').factId).toBe('trade-usmca');
    // "la EU" is the Unión Europea: the article says nothing of it.
    expect(brain.ask('¿méxico es parte de la eu?').answered).toBe(false);
    const en = brain.ask('does mexico have a trade deal with the eu?');
    expect(en.answered).toBe(false);
    expect(en.explain.reason).toMatch(/names eu/);
  });

  it('prefers a dropped letter to a changed one when correcting a typo', () => {
    // "limt" is one edit from both "limit" and "list"; people drop letters far more often.
    expect(brain.ask('does not being in NATO limt mexicos alliances').factId).toBe('nato-impact');
  });

  it('declines a question asking for a person, which no fact names', () => {
    expect(brain.ask('que presidente metio a mexico a la OMC?').answered).toBe(false);
    expect(brain.ask('Which Mexican president signed the USMCA?').explain.reason).toMatch(/asks "person"/);
    expect(brain.ask('Who negotiated NAFTA for Mexico?').answered).toBe(false);
    expect(brain.ask('who is in the pacific alliance').factId).toBe('trade-pacific-alliance');
    expect(brain.ask('Is Mexico a member of the WTO?').factId).toBe('org-wto');
  });

  it('knows Spanish names and filler: "alianza del Atlántico Norte", "una pregunta rápida", what it contributes', () => {
    expect(brain.ask('una pregunta rápida, ¿México pertenece a la alianza del Atlántico Norte?').factId).toBe(
      'nato-membership',
    );
    expect(brain.ask('What does Mexico contribute to the UN?').factId).toBe('org-un');
  });

  it('never answers about Mexico when the question is about a country it merely compares with', () => {
    expect(brain.ask('Like Mexico, is Canada a member of NATO?').answered).toBe(false);
    expect(brain.ask('Like Mexico, does Canada belong to the OAS?').answered).toBe(false);
    expect(brain.ask('Why is a country like Canada not in NATO?').answered).toBe(false);
  });

  it('does not take "leader" for a question asking for a person', () => {
    expect(brain.ask('Is Mexico a leader in climate action?').factId).toBe('environment-climate');
  });

  it('reads more everyday wording: "at all", "work together", a summary, "¿pesa?", names without articles', () => {
    expect(brain.ask('does mexico participate in the world trade organization at all').factId).toBe(
      'org-wto',
    );
    expect(brain.ask('how does Mexico work together with other nations on science').factId).toBe(
      'culture-science',
    );
    expect(brain.ask('dame un resumen de las alianzas de México').factId).toBe('alliances-overview');
    expect(brain.ask('¿México pesa en el mundo?').factId).toBe('diplomacy-global-role');
    expect(brain.ask('¿México está en la Organización de Estados Americanos?').factId).toBe('org-oas');
    // A ranking is a number the article does not give.
    expect(brain.ask('¿En qué ranking de exportadores está México?').answered).toBe(false);
  });

  it('reads Spanish "tiene" like English "has", and Spanish plurals in -es', () => {
    expect(brain.ask('¿México tiene tropas en la OTAN?').factId).toBe('nato-membership');
    expect(brain.ask('¿Tiene México aliados militares?').explain.tokens).toEqual([
      'mexico',
      'ally',
      'military',
    ]);
  });

  it('uses the locale to break a tie on a bare keyword', () => {
    expect(brain.ask('OTAN', { locale: 'es-ES' }).lang).toBe('es');
    expect(brain.ask('NATO', { locale: 'en-US' }).lang).toBe('en');
  });

  it.each([
    'Is Brazil in NATO?',
    'Is Mexico in BRICS?',
    'Is Germany part of the USMCA?',
    'Is Mexico in the G20?',
  ])('declines %s instead of answering a fact about Mexico or another body', (q) => {
    const a = brain.ask(q);
    expect(a.answered).toBe(false);
    expect(a.factId).toBeNull();
    expect(a.text).toMatch(/won't guess/);
  });

  it('names the country it has no facts about when it declines', () => {
    expect(brain.ask('Is Brazil in NATO?').text).toContain('Brazil');
    expect(brain.ask('Is Mexico in BRICS?').text).toContain('BRICS');
  });

  it('declines on-topic questions the article does not answer', () => {
    for (const q of [
      'When was NATO founded?',
      'How many members does NATO have?',
      'When did Mexico join the UN?',
      "What percentage of Mexico's exports go to the US?",
      '¿Qué porcentaje del comercio de México es con EE.UU.?',
      // Opinions: the article gives none.
      'Should Mexico join NATO?',
      'What do you think, is the T-MEC better than NAFTA?',
      '¿Debería México entrar a la OTAN?',
    ]) {
      expect(brain.ask(q).answered, q).toBe(false);
    }
  });

  it('suggests what it can answer when it declines', () => {
    const a = brain.ask('Is Brazil in NATO?');
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
    expect(a.suggestions.map((s) => s.factId)).toContain('nato-membership');
  });

  it('greets back without a fact, saying what it can answer', () => {
    for (const q of [
      'hello',
      'hola',
      'thanks!',
      'who are you?',
      "what's your name?",
      '¿cuál es tu nombre?',
      'can you help me?',
      '¿me puedes ayudar?',
    ]) {
      const a = brain.ask(q);
      expect(a.answered, q).toBe(false);
      expect(a.explain.tier, q).toBe('smalltalk');
      expect(a.text, q).toMatch(/Mexico|México/);
    }
    expect(brain.ask('hola').lang).toBe('es');
  });

  it('handles empty and blank questions with a prompt to ask', () => {
    for (const q of ['', '   ', '???']) {
      const a = brain.ask(q);
      expect(a.answered).toBe(false);
      expect(a.explain.tier).toBe('empty');
    }
  });

  it('cuts an over-long question before matching and says so', () => {
    const a = brain.ask(`Is Mexico in NATO? ${'x'.repeat(10_000)}`);
    expect(a.truncated).toBe(true);
    expect(a.question.length).toBe(MAX_QUESTION_LENGTH);
  });

  it('explains why a question was declined', () => {
    expect(brain.ask('Is Brazil in NATO?').explain.reason).toMatch(/brazil/);
    expect(brain.ask('When was NATO founded?').explain.reason).toMatch(/below the threshold|asks/);
  });
});

describe('autocomplete', () => {
  it('shows pinned questions, the NATO one first, when nothing is typed', () => {
    const s = brain.complete('');
    expect(s[0]?.factId).toBe('nato-membership');
    expect(s.length).toBeGreaterThan(3);
  });

  it('ranks known questions as the user types, in their language', () => {
    expect(brain.complete('is mexico in na')[0]?.factId).toBe('nato-membership');
    expect(brain.complete('alianza del pac')[0]?.question).toBe('¿Qué es la Alianza del Pacífico?');
  });

  it('never offers more than 25 choices', () => {
    expect(brain.complete('mexico', { limit: 100 }).length).toBeLessThanOrEqual(25);
  });
});

describe('answering a fact by id', () => {
  it('answers in the locale language and refuses unknown ids', () => {
    expect(brain.answerFact('nato-membership', { locale: 'es-419' })?.lang).toBe('es');
    expect(brain.answerFact('no-such-fact')).toBeNull();
  });
});

describe('what something is for', () => {
  it("tells 'what does NATO do' apart from 'what is NATO'", () => {
    expect(brain.ask('What does NATO do?').factId).toBe('nato-focus');
    expect(brain.ask('what is nato for').factId).toBe('nato-focus');
    expect(brain.ask('What is NATO?').factId).toBe('nato-what-is');
  });

  it('does not answer a question made of question words and small words only', () => {
    expect(brain.ask('what time is it').answered).toBe(false);
    expect(brain.ask('what?').answered).toBe(false);
  });
});
