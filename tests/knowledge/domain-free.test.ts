// The engine knows no subject: no TypeScript file under src/ names a country or organization of the
// shipped knowledge base (knowledge/entities.yaml), in code or in comments. Everything that belongs
// to the subject is data under knowledge/; a second knowledge base (tests/fixtures/transit) runs
// through the same code. Names shorter than four letters ("un", "us") are ordinary words too and
// are left out.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const entities = load(readFileSync('knowledge/entities.yaml', 'utf8')) as {
  home: string;
  places: string[][];
  organizations: string[][];
};
const names = [...entities.places, ...entities.organizations]
  .flat()
  .filter((n) => n.replace(/\s/g, '').length >= 4);
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = new RegExp(`\\b(?:${names.map((n) => escape(fold(n))).join('|')})\\b`, 'u');

describe('the engine names no entity of the knowledge base', () => {
  it('reads enough names to mean something', () => {
    expect(names).toContain(entities.home);
    expect(names.length).toBeGreaterThan(30);
  });

  it('finds none of them in any file under src/', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) =>
      fold(readFileSync(join('src', f), 'utf8'))
        .split('\n')
        .flatMap((line, i) => {
          const m = pattern.exec(line);
          return m ? [`src/${f}:${i + 1}: ${m[0]}`] : [];
        }),
    );
    expect(found).toEqual([]);
  });
});
