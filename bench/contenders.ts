// The three matchers the benchmark compares, behind one shape: build an index, answer a question.
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { createBrain } from '../src/answer/brain.js';
import type { KnowledgeBase } from '../src/knowledge/schema.js';

export interface Contender {
  name: string;
  build(kb: KnowledgeBase): (question: string) => string | null;
}

export const CONTENDERS: Contender[] = [
  {
    name: 'this matcher',
    build(kb) {
      const brain = createBrain(kb);
      return (q) => brain.ask(q).factId;
    },
  },
  {
    // The set-up the issue calls naive: Fuse.js defaults, keys question and answer.
    name: 'naive Fuse.js',
    build(kb) {
      const fuse = new Fuse(kb.facts, { keys: ['question', 'answer'] });
      return (q) => fuse.search(q, { limit: 1 })[0]?.item.id ?? null;
    },
  },
  {
    name: 'MiniSearch',
    build(kb) {
      const ms = new MiniSearch({
        idField: 'id',
        fields: ['question', 'alternates', 'keywords', 'answer'],
        extractField: (doc, field) => {
          const v = (doc as Record<string, unknown>)[field];
          return Array.isArray(v) ? v.join(' ') : String(v ?? '');
        },
        searchOptions: { fuzzy: 0.2, prefix: true, boost: { question: 2, alternates: 2 } },
      });
      ms.addAll(kb.facts);
      return (q) => (ms.search(q)[0]?.id as string | undefined) ?? null;
    },
  },
];
