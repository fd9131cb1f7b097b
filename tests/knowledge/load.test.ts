import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/load.js';

const good = readFileSync('tests/fixtures/knowledge/nato.yaml', 'utf8');
const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
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
    expect(problemsOf(folder({ 'nato.yaml': good.replace('topic: security', 'topic: sports') }))[0]).toMatch(/field "topic"/);
    expect(problemsOf(folder({ 'nato.yaml': good.replace('    pinned: true', '    pinend: true') }))[0]).toMatch(/pinend/);
  });

  it('refuses an empty folder', () => {
    expect(problemsOf(folder({}))[0]).toMatch(/no knowledge files/);
  });
});
