// The JSON contract of `npm run --silent ask -- --json`, exercised as a tool would: a real process.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function ask(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/console/ask.ts', ...args], {
    input: input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, DISCORD_TOKEN: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FIELDS = [
  'question',
  'answered',
  'answer',
  'confidence',
  'factId',
  'factIds',
  'sources',
  'suggestions',
];

describe('npm run ask -- --json', () => {
  it('prints one JSON object with the answer and its source address', () => {
    const r = ask(['--json', 'Is Mexico in NATO?']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]!);
    expect(Object.keys(o)).toEqual(FIELDS);
    expect(o).toMatchObject({
      question: 'Is Mexico in NATO?',
      answered: true,
      factId: 'nato-membership',
      factIds: ['nato-membership'],
    });
    expect(o.sources.length).toBeGreaterThan(0);
    for (const s of o.sources) {
      expect(s.title).toBe('Is Mexico in NATO?');
      expect(s.url).toMatch(/^https:\/\/www\.jluggage\.com\/blog\/world\/is-mexico-in-nato\/#:~:text=/);
    }
    expect(o.confidence).toBeGreaterThan(0.5);
    expect(o.confidence).toBeLessThanOrEqual(1);
  });

  it('answers every stdin line in order, empty, very long and non-Latin ones included, and nothing else', () => {
    const inputs = [
      'Is Mexico in NATO?',
      '',
      'Is Brazil in NATO?',
      'x'.repeat(20_000),
      'Известно ли вам',
      '墨西哥在北约吗',
      '¿Qué es el T-MEC?',
      '   ',
    ];
    const r = ask(['--json'], inputs.join('\n') + '\n');
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n').filter((l, i, all) => i < all.length - 1 || l);
    expect(out).toHaveLength(inputs.length);
    const objects = out.map((l) => JSON.parse(l));
    objects.forEach((o, i) => {
      expect(Object.keys(o)).toEqual(FIELDS);
      expect(o.question).toBe(inputs[i]);
      expect(typeof o.answered).toBe('boolean');
      expect(o.confidence).toBeGreaterThanOrEqual(0);
      expect(o.confidence).toBeLessThanOrEqual(1);
      if (!o.answered) expect(o.answer).toBe('');
      if (!o.answered) expect(o.factId).toBeNull();
    });
    expect(objects.map((o) => o.answered)).toEqual([true, false, false, false, false, false, true, false]);
    expect(objects[6].answer).toMatch(/^El T-MEC/);
    expect(objects[2].suggestions).toContain('Is Mexico a member of NATO?');
  });

  it('answers the last line even without a trailing newline', () => {
    const r = ask(['--json'], 'hola\nIs Mexico in the UN?');
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).factId),
    ).toEqual([null, 'org-un']);
  });

  it('prints the answer with its sources for people without --json', () => {
    const r = ask(['Is Mexico in NATO?']);
    expect(r.stdout).toMatch(/^Mexico is not a member/);
    expect(r.stdout).toContain(
      'Source: Is Mexico in NATO? (Security and Defense: Exclusion from NATO) https://www.jluggage.com/blog/world/is-mexico-in-nato/',
    );
  });

  it('shows the tier, score and reason with --explain', () => {
    const r = ask(['--explain', 'Is Brazil in NATO?']);
    expect(r.stdout).toMatch(/\[explain\] tier: declined/);
    expect(r.stdout).toMatch(/why declined: names brazil/);
  });

  it('reads one JSON request per line with --jsonl, and answers a broken line with an error, never stopping', () => {
    const lines = [
      JSON.stringify({ question: 'Is Mexico in NATO?' }),
      '{"question": "Is Mexico in the UN?", "history": ["Is Mexico in NATO?"]}',
      '{not json',
      JSON.stringify({ question: 42 }),
      JSON.stringify({ question: 'Is Mexico in the UN?', history: 'Is Mexico in NATO?' }),
      '',
      JSON.stringify(['Is Mexico in NATO?']),
      JSON.stringify({ question: '¿Qué es el T-MEC?', history: [] }),
    ];
    const r = ask(['--json', '--jsonl'], lines.join('\n') + '\n');
    expect(r.code).toBe(0);
    const objects = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(objects).toHaveLength(lines.length);
    expect(objects.map((o) => o.factId)).toEqual([
      'nato-membership',
      'org-un',
      null,
      null,
      null,
      null,
      null,
      'trade-usmca',
    ]);
    expect(objects[0].question).toBe('Is Mexico in NATO?');
    for (const i of [2, 3, 4, 5, 6]) {
      expect(objects[i]).toMatchObject({
        answered: false,
        answer: '',
        factId: null,
        factIds: [],
        question: lines[i],
      });
      expect(objects[i].error).toEqual(expect.any(String));
    }
    expect(objects[2].error).toMatch(/^not valid JSON/);
    expect(objects[3].error).toBe('"question" must be a string');
    expect(objects[4].error).toMatch(/^"history" must be an array of strings/);
    expect(objects[0].error).toBeUndefined();
  });

  it('rejects an unknown option with usage and exit code 2', () => {
    const r = ask(['--jsn', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option --jsn/);
    expect(r.stdout).toBe('');
  });
});

describe('npm start without a token', () => {
  it('answers piped questions in the terminal and exits at the end of input', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      input: 'Is Mexico in NATO?\n',
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, DISCORD_TOKEN: '' },
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/No DISCORD_TOKEN set: answering in the terminal/);
    expect(r.stdout).toMatch(/Mexico is not a member of the North Atlantic Treaty Organization/);
    expect(r.stdout).toContain('https://www.jluggage.com/blog/world/is-mexico-in-nato/');
  });
});
