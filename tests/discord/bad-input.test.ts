// Property-based: whatever people type (empty, huge, emoji, zalgo, right-to-left, control characters,
// markdown and code fences, @everyone and mentions, URLs, regex and Fuse.js operators), the brain
// answers or declines without throwing, and the Discord reply stays inside Discord's limits, pings
// nobody, and shows the question back only defused, on one line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_LENGTH } from '../../src/answer/types.js';
import { MESSAGES } from '../../src/answer/respond.js';
import type { Answer } from '../../src/answer/types.js';
import { DISCORD_LIMITS, echo, renderAnswer, type ReplyPayload } from '../../src/discord/render.js';
import { testBrain } from '../support/brain.js';

const brain = testBrain();

const pieces = [
  '',
  ' ',
  '\t\n\r',
  'is mexico in nato',
  '¿México está en la OTAN?',
  'usmca',
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '```js\nalert(1)\n```',
  '**bold** __u__ ~~s~~ ||spoiler|| `code` > quote',
  '# heading',
  '- list',
  '[link](https://evil.example/)',
  'https://example.com/?q=nato&x=<script>',
  '^nato',
  '!nato',
  "'nato",
  '=nato',
  'nato$',
  'nato | otan',
  '.*+?()[]{}\\',
  '(?:a+)+$',
  'هل المكسيك في الناتو؟',
  'האם מקסיקו בנאטו',
  '\u202Eotan\u202C',
  '\u2066rtl\u2069',
  'n\u0300\u0301\u0302\u0303\u0304\u0305\u0306a\u0307\u0308\u0309\u030A\u030B\u030Ct\u030D\u030E\u030Fo',
  '🇲🇽🤝🇺🇸👍🏽',
  '\uD83D',
  '\uDE00',
  '\u0000\u0007\u001B[31m\u007F\u0085',
  '\u200B\u200D\uFEFF',
  '\u2028\u2029',
  'NATO'.repeat(3000),
];

const question = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((p) => p.join(' ')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...pieces), fc.integer({ min: 300, max: 10_000 }))
      .map(([p, n]) => (p || 'x').repeat(Math.ceil(n / Math.max(1, p.length))).slice(0, n)),
  },
  { weight: 1, arbitrary: fc.constant('x'.repeat(10_000)) },
);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A plain assertion: vitest's expect is too slow to call a few hundred thousand times. */
function ok(condition: boolean, what: string, value?: unknown): void {
  if (!condition) throw new Error(`${what}: ${JSON.stringify(value)?.slice(0, 300)}`);
}

/** Everything Discord checks about a message payload, plus what we promise on top. */
function checkReply(payload: ReplyPayload, answer: Answer): void {
  const m = payload.allowedMentions;
  ok(m.parse.length === 0 && m.repliedUser === false, 'allowedMentions parses nothing', m);
  ok((payload.content ?? '').length <= DISCORD_LIMITS.content, 'content length');
  ok(payload.embeds.length > 0 && payload.embeds.length <= DISCORD_LIMITS.embeds, 'embed count');
  let total = 0;
  for (const e of payload.embeds) {
    const title = e.title ?? '';
    ok(title.length > 0 && title.length <= DISCORD_LIMITS.embedTitle, 'title length', title);
    ok(!/@(everyone|here)/i.test(title), 'title pings everyone', title);
    ok(!/<[@#][!&]?\d/.test(title), 'title mentions someone', title);
    ok(!/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u.test(title), 'title has control characters', title);
    ok(!LONE_SURROGATE.test(title), 'title has a broken surrogate pair', title);
    // Markdown characters in the echoed question are all escaped.
    ok(!/[\\*_~`|[\]()]/.test(title.replace(/\\[\\*_~`|[\]()#>-]/g, '')), 'unescaped markdown', title);
    ok((e.description ?? '').length <= DISCORD_LIMITS.embedDescription, 'description length');
    ok((e.fields ?? []).length <= DISCORD_LIMITS.embedFields, 'field count');
    for (const f of e.fields ?? []) {
      ok(f.name.length <= DISCORD_LIMITS.fieldName, 'field name length', f.name);
      ok(f.value.length > 0 && f.value.length <= DISCORD_LIMITS.fieldValue, 'field value length', f.value);
    }
    const footer = e.footer?.text ?? '';
    ok(footer.length <= DISCORD_LIMITS.footer, 'footer length');
    if (answer.truncated)
      ok(footer === MESSAGES.truncated[answer.lang](MAX_QUESTION_LENGTH), 'truncation note', footer);
    total += title.length + (e.description ?? '').length + footer.length;
    total += (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  ok(total <= DISCORD_LIMITS.embedTotal, 'embed total', total);
  ok(payload.components.length <= DISCORD_LIMITS.rows, 'rows');
  for (const row of payload.components) {
    ok(row.components.length <= DISCORD_LIMITS.buttonsPerRow, 'buttons per row');
    for (const b of row.components) {
      ok((b.label?.length ?? 0) <= DISCORD_LIMITS.buttonLabel, 'button label', b.label);
      ok(b.custom_id.length <= DISCORD_LIMITS.customId, 'custom id', b.custom_id);
    }
  }
}

describe('bad input, property-based', () => {
  it('answers or declines 10,000 generated questions, every reply within limits and pinging nobody', () => {
    let runs = 0;
    fc.assert(
      fc.property(question, fc.constantFrom(undefined, 'en-US', 'es-ES'), (q, locale) => {
        runs++;
        const answer = brain.ask(q, { locale });
        ok(typeof answer.answered === 'boolean' && answer.text.length > 0, 'an answer or a decline', answer);
        ok(answer.question.length <= MAX_QUESTION_LENGTH, 'question cut before matching');
        ok(answer.truncated === q.length > MAX_QUESTION_LENGTH, 'truncated flag', answer.truncated);
        checkReply(renderAnswer(answer), answer);
        checkReply(renderAnswer(answer, { ephemeral: true, content: q }), answer);
      }),
      { numRuns: 10_000, seed: 20_240_601 },
    );
    expect(runs).toBe(10_000);
  }, 60_000);

  it('tells the user, in their language, that a long question was cut', () => {
    for (const [q, lang] of [
      ['is mexico in nato '.repeat(120), 'en'],
      ['¿México está en la OTAN? '.repeat(90), 'es'],
    ] as const) {
      const answer = brain.ask(q);
      expect(answer.truncated).toBe(true);
      expect(answer.lang).toBe(lang);
      expect(renderAnswer(answer).embeds[0]!.footer?.text).toBe(
        MESSAGES.truncated[lang](MAX_QUESTION_LENGTH),
      );
    }
  });

  it('defuses mentions and markdown in the echoed question', () => {
    expect(echo('@everyone look <@123> <@&456> **now**', 256)).toBe(
      '@\u200Beveryone look <@\u200B123> <@\u200B&456> \\*\\*now\\*\\*',
    );
    expect(echo('# title\n\u0000next', 256)).toBe('\\# title next');
    expect(echo('', 256)).toBe('…');
    expect(echo('*'.repeat(300), 256).length).toBeLessThanOrEqual(256);
    expect(echo('*'.repeat(300), 256)).toMatch(/(^|[^\\])(\\\\)*…$/);
  });
});
