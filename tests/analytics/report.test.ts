import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/analytics/db.js';
import {
  questionKey as keyWith,
  reportVocabulary,
  sameWord,
  topicTokens as tokensWith,
} from '../../src/analytics/normalize.js';
import { openQuestionLog, type QuestionLog } from '../../src/analytics/question-log.js';
import {
  buildReport,
  findGaps,
  renderReportMarkdown,
  renderReportText,
  type QuestionRow,
} from '../../src/analytics/report.js';
import { config, entry, memoryLogger, tempFolder } from './helpers.js';
import { kb } from '../support/brain.js';

// The report groups questions with the shipped knowledge base's words (entity names, the home entity).
const vocabulary = reportVocabulary(kb);
const topicTokens = (text: string, lang?: 'en' | 'es') => tokensWith(text, lang, vocabulary);
const questionKey = (text: string, lang?: 'en' | 'es') => keyWith(text, lang, vocabulary);

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 30, 12);

const unanswered = { factId: null, answered: false, tier: 'declined', confidence: 0.1 } as const;

function seed(log: QuestionLog): void {
  const ask = (question: string, times = 1, extra: Parameters<typeof entry>[0] = {}) => {
    const ids: number[] = [];
    for (let i = 0; i < times; i++) ids.push(log.record(entry({ question, at: NOW - DAY, ...extra }))!);
    return ids;
  };
  // Answered questions, two spellings of the same one.
  const nato = [...ask('is mexico in nato', 3), ...ask('Is Mexico in NATO?', 2), ...ask('mexico nato')];
  ask('¿México está en la OTAN?', 1, { lang: 'es', factId: 'nato-membership' });
  const usmca = ask('what is the usmca', 2, { factId: 'usmca' });
  // One missing topic, many spellings, in two languages and with a typo.
  ask('is mexico in brics', 2, unanswered);
  ask('mexico brics?', 1, unanswered);
  ask('Is Mexico part of BRICS', 1, unanswered);
  ask('¿México es miembro de los BRICS?', 1, { ...unanswered, lang: 'es' });
  // A different missing topic, one letter away from a topic the bot may know (APEC): not merged.
  ask('is mexico in opec', 1, unanswered);
  ask('Is Mexico an OPEC member?', 1, unanswered);
  ask('does mexico belong to the commonwealth', 1, unanswered);
  ask('mexico comonwealth', 1, unanswered);
  // Greetings and empty messages are neither answered nor gaps.
  ask('hello', 2, { ...unanswered, tier: 'smalltalk' });
  ask('', 1, { ...unanswered, tier: 'empty' });
  // Outside a 30-day window.
  ask('is mexico in the g20', 4, { ...unanswered, at: NOW - 45 * DAY });

  log.vote(nato[0]!, '500000000000000001', -1);
  log.vote(nato[1]!, '500000000000000002', -1);
  log.vote(nato[1]!, '500000000000000003', 1);
  log.vote(usmca[0]!, '500000000000000001', -1);
  log.vote(usmca[1]!, '500000000000000001', 1);
}

function seededReport(days = 30) {
  const path = join(tempFolder(), 'questions.db');
  const log = openQuestionLog(config(path), memoryLogger().logger, { now: () => NOW });
  seed(log);
  log.close();
  const db = openDatabase(path);
  try {
    return buildReport(db, { days, now: NOW, vocabulary });
  } finally {
    db.close();
  }
}

describe('question normalization', () => {
  it('keeps only the topic words: no case, accents, punctuation, stopwords or "mexico"', () => {
    expect(topicTokens('¿México es miembro de los BRICS?', 'es')).toEqual(['brics']);
    expect(topicTokens('Is Mexico part of the T-MEC / U.S. trade agreements?', 'en')).toEqual([
      'usmca',
      'us',
      'trade',
      'agreement',
    ]);
    expect(questionKey('Is Mexico in NATO?')).toBe(questionKey('mexico nato'));
    expect(questionKey('¿México está en la OTAN?', 'es')).toBe(questionKey('mexico nato'));
  });

  it('keeps "un" in English (the UN) and drops it in Spanish (an article)', () => {
    expect(topicTokens('is mexico in the UN', 'en')).toEqual(['un']);
    expect(topicTokens('es mexico un aliado de la otan', 'es')).toEqual(['aliado', 'nato']);
  });

  it('treats a one-letter typo in a long word as the same word, but not in a short acronym', () => {
    expect(sameWord('commonwealth', 'comonwealth')).toBe(true);
    expect(sameWord('apec', 'opec')).toBe(false);
  });
});

describe('the question log report', () => {
  it('counts questions asked in the window and the answer rate of factual questions', () => {
    const report = seededReport();
    expect(report.asked).toBe(21);
    expect(report.factual).toBe(18);
    expect(report.answered).toBe(9);
    expect(report.answerRate).toBeCloseTo(9 / 18);
    expect(report.byLang).toEqual({ en: 19, es: 2 });
  });

  it('ranks top questions by normalized text, showing the most common spelling', () => {
    const [first, second] = seededReport().topQuestions;
    expect(first).toMatchObject({
      question: 'is mexico in nato',
      count: 7,
      answered: 7,
      factId: 'nato-membership',
    });
    expect(second).toMatchObject({ question: 'is mexico in brics', count: 5, answered: 0, factId: null });
  });

  it('groups spellings of one missing topic into one gap, and different topics into different gaps', () => {
    const gaps = seededReport().gaps;
    expect(gaps.map((g) => [g.question, g.count])).toEqual([
      ['is mexico in brics', 5],
      ['does mexico belong to the commonwealth', 2],
      ['Is Mexico an OPEC member?', 2],
    ]);
    expect(gaps[0]!.variants).toEqual(
      expect.arrayContaining([
        'mexico brics?',
        'Is Mexico part of BRICS',
        '¿México es miembro de los BRICS?',
      ]),
    );
  });

  it('does not merge questions that share no topic word, nor questions with no topic word at all', () => {
    const row = (id: number, question: string): QuestionRow => ({
      id,
      askedAt: id,
      source: 'discord',
      question,
      lang: 'en',
      tier: 'declined',
      factId: null,
      answered: false,
      latencyMs: 1,
    });
    const gaps = findGaps(
      [row(1, 'is mexico in nato'), row(2, 'is mexico in apec'), row(3, '??'), row(4, '!!')],
      0.5,
      vocabulary,
    );
    expect(gaps).toHaveLength(4);
  });

  it('lists the facts with the most thumbs-down, with the questions that got them', () => {
    expect(seededReport().downvotedFacts).toEqual([
      { factId: 'nato-membership', down: 2, up: 1, questions: ['is mexico in nato'] },
      { factId: 'usmca', down: 1, up: 1, questions: ['what is the usmca'] },
    ]);
  });

  it('includes older questions only when the window reaches them', () => {
    const report = seededReport(60);
    expect(report.asked).toBe(25);
    expect(report.gaps[0]).toMatchObject({ question: 'is mexico in brics', count: 5 });
    expect(report.gaps.map((g) => g.question)).toContain('is mexico in the g20');
  });

  it('renders to plain text and to Markdown', () => {
    const report = seededReport();
    const text = renderReportText(report);
    expect(text).toContain('Question log report: last 30 days (2025-05-31 to 2025-06-30)');
    expect(text).toContain('Answered: 9 of 18 factual questions (50%)');
    expect(text).toMatch(/1\. is mexico in brics {2}x5, last 2025-06-29/);
    expect(text).toContain('nato-membership  down 2, up 1');

    const md = renderReportMarkdown(report);
    expect(md).toContain('# Question log: last 30 days');
    expect(md).toContain('| 1 | is mexico in brics | 5 |');
    expect(md).toContain('| 1 | `nato-membership` | 2 | 1 | is mexico in nato |');
  });

  it('renders an empty log without dividing by zero', () => {
    const db = openDatabase(join(tempFolder(), 'empty.db'));
    const report = buildReport(db, { days: 7, now: NOW, vocabulary });
    db.close();
    expect(report).toMatchObject({ asked: 0, answerRate: null, latencyMs: null, gaps: [] });
    expect(renderReportText(report)).toContain('Answered: 0 of 0 factual questions (n/a)');
    expect(renderReportMarkdown(report)).toContain('## Gaps');
  });
});
