import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/load.js';

const FIXTURE = 'tests/fixtures/knowledge';
const good = readFileSync(`${FIXTURE}/nato.yaml`, 'utf8');
/** The fixture's entities, persona and languages, which every knowledge folder needs. */
const SUPPORT: Record<string, string> = {
  'entities.yaml': readFileSync(`${FIXTURE}/entities.yaml`, 'utf8'),
  'persona.yaml': readFileSync(`${FIXTURE}/persona.yaml`, 'utf8'),
  'lang/en.yaml': readFileSync('knowledge/lang/en.yaml', 'utf8'),
  'lang/es.yaml': readFileSync('knowledge/lang/es.yaml', 'utf8'),
};
const dirs: string[] = [];
/** A knowledge folder with these files; `support: false` leaves out entities, persona and languages. */
function folder(files: Record<string, string | null>, { support = true } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'lang'));
  for (const [name, text] of Object.entries({ ...(support ? SUPPORT : {}), ...files }))
    if (text !== null) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function problemsOf(dir: string): string[] {
  try {
    loadKnowledge(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(KnowledgeError);
    return (err as KnowledgeError).problems;
  }
  throw new Error('expected the knowledge base to be rejected');
}

describe('loading knowledge files', () => {
  it('loads the shipped knowledge base, every fact citing the article', () => {
    const kb = loadKnowledge('knowledge');
    expect(kb.facts.length).toBeGreaterThanOrEqual(15);
    for (const f of kb.facts) {
      expect(f.sources.length).toBeGreaterThan(0);
      expect(f.sources[0]!.url.startsWith('https://www.jluggage.com/blog/world/is-mexico-in-nato/')).toBe(true);
      expect(f.sources[0]!.title).toBe('Is Mexico in NATO?');
    }
  });

  it('loads a small valid fixture', () => {
    expect(loadKnowledge(folder({ 'nato.yaml': good })).facts.map((f) => f.id)).toEqual(['nato-membership', 'nato-what-is']);
  });

  it('names the file, the fact and the field of a missing answer', () => {
    const broken = good.replace(/ {4}answer: >-\n {6}Mexico.*\n/, '');
    expect(problemsOf(folder({ 'nato.yaml': broken }))).toEqual([
      expect.stringMatching(/^nato\.yaml, fact "nato-membership", field "answer": /),
    ]);
  });

  it('rejects a source address that is not a URL', () => {
    const broken = good.replace('url: https://www.jluggage.com/blog/world/is-mexico-in-nato/', 'url: not a url');
    expect(problemsOf(folder({ 'nato.yaml': broken }))[0]).toMatch(/field "sources\.0\.url": must be an http\(s\) address/);
  });

  it('rejects an answer too long for a Discord embed', () => {
    const broken = good.replace('Mexico is not a member', 'very '.repeat(200));
    expect(problemsOf(folder({ 'nato.yaml': broken }))[0]).toMatch(/field "answer": must be at most \d+ characters/);
  });

  it('rejects the same id twice, and a phrasing used by two facts', () => {
    const twice = good.replace('id: nato-what-is', 'id: nato-membership');
    expect(problemsOf(folder({ 'nato.yaml': twice })).join('\n')).toMatch(/"nato-membership", field "id": the id is already used/);
    const phrasing = good.replace('- What does NATO stand for?', '- Is Mexico in NATO?');
    expect(problemsOf(folder({ 'nato.yaml': phrasing })).join('\n')).toMatch(/already a phrasing of fact "nato-membership"/);
  });

  it('rejects a related id that does not exist', () => {
    const broken = good.replace('related: [nato-what-is]', 'related: [nato-why]');
    expect(problemsOf(folder({ 'nato.yaml': broken }))[0]).toMatch(/field "related\.0": no fact has the id "nato-why"/);
  });

  it('reports broken YAML with the file name', () => {
    expect(problemsOf(folder({ 'nato.yaml': 'topic: security\nfacts: [\n' }))[0]).toMatch(/^nato\.yaml: cannot be read as YAML/);
  });

  it('rejects an unknown topic and an unknown field', () => {
    expect(problemsOf(folder({ 'nato.yaml': good.replace('topic: security', 'topic: sports') }))[0]).toBe(
      'nato.yaml, field "topic": "sports" is not one of persona.yaml\'s topics',
    );
    expect(problemsOf(folder({ 'nato.yaml': good.replace('    pinned: true', '    pinend: true') }))[0]).toMatch(/pinend/);
  });

  it('refuses an empty folder', () => {
    expect(problemsOf(folder({}, { support: false }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/no knowledge files/), 'persona.yaml: missing (the knowledge folder needs it)']),
    );
  });

  it('names the missing language file', () => {
    expect(problemsOf(folder({ 'nato.yaml': good, 'lang/es.yaml': null }))).toEqual([
      'lang/es.yaml: missing (the knowledge folder needs it)',
    ]);
  });

  it('names file and field of invalid entities, persona and language data', () => {
    const entities = SUPPORT['entities.yaml']!.replace('home: mexico', 'home: atlantis');
    expect(problemsOf(folder({ 'nato.yaml': good, 'entities.yaml': entities }))).toEqual([
      'entities.yaml, field "home": must be the first name of one of the places or organizations',
    ]);
    const renamed = `${SUPPORT['entities.yaml']!}\nnamesIn:\n  es: { eu: { entity: atlantis } }\n`;
    expect(problemsOf(folder({ 'nato.yaml': good, 'entities.yaml': renamed }))).toEqual([
      'entities.yaml, field "namesIn": each name must point at the first name of one of the places or organizations',
    ]);
    const persona = SUPPORT['persona.yaml']!.replace(/ {2}notSure: .*\n/, '');
    expect(problemsOf(folder({ 'nato.yaml': good, 'persona.yaml': persona }))[0]).toMatch(
      /^persona\.yaml, field "messages\.notSure": /,
    );
    const featured = SUPPORT['persona.yaml']!.replace('facts: [nato-membership]', 'facts: [nato-nope]');
    expect(problemsOf(folder({ 'nato.yaml': good, 'persona.yaml': featured }))).toEqual([
      'persona.yaml, field "featured.facts.0": no fact has the id "nato-nope"',
    ]);
    const es = SUPPORT['lang/es.yaml']!.replace("  identity:\n", "  identity:\n    - '(unclosed'\n");
    expect(problemsOf(folder({ 'nato.yaml': good, 'lang/es.yaml': es }))).toEqual([
      'lang/es.yaml, field "smalltalk.identity.0": must be a valid regular expression',
    ]);
    const swapped = SUPPORT['lang/es.yaml']!.replace('language: es', 'language: en');
    expect(problemsOf(folder({ 'nato.yaml': good, 'lang/es.yaml': swapped }))).toEqual(
      expect.arrayContaining(['lang/es.yaml, field "language": "en" belongs in lang/en.yaml']),
    );
  });
});
