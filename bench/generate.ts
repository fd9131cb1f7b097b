// Synthetic knowledge bases of any size for the scale benchmark: facts built from real English words,
// each with a question, alternates, keywords and a Spanish side, so the matcher indexes them as it
// would real facts. Deterministic (seeded) so runs compare.
import { DICTIONARY } from '../src/answer/dictionary.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Fact, KnowledgeBase } from '../src/knowledge/schema.js';

// The languages, entities and persona of the shipped knowledge base: the engine needs them whatever the facts.
const SHIPPED = loadKnowledge('knowledge');

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = [...DICTIONARY].filter((w) => /^[a-z]{4,10}$/.test(w)).sort();
const SOURCE = { title: 'Synthetic', section: 'Generated', url: 'https://example.org/synthetic' };

export function generateKnowledge(count: number, seed = 42): KnowledgeBase {
  const rand = rng(seed);
  const word = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  const phrase = (n: number) => Array.from({ length: n }, word).join(' ');
  const facts: Fact[] = [];
  for (let i = 0; i < count; i++) {
    const subject = `${word()} ${word()}`;
    facts.push({
      id: `gen-${i}`,
      topic: 'diplomacy',
      file: 'generated.yaml',
      question: `What is the ${subject} ${word()}?`,
      alternates: [
        `Does Mexico ${word()} the ${subject}?`,
        `${subject} ${phrase(2)}`,
        `How does the ${subject} ${word()}?`,
      ],
      keywords: [word(), word(), subject],
      answer: `The ${subject} ${phrase(12)}.`,
      es: {
        question: `¿Qué es ${subject}?`,
        alternates: [`${subject} ${word()}`],
        answer: `El ${subject} ${phrase(10)}.`,
      },
      sources: [SOURCE],
      related: [],
      pinned: false,
    });
  }
  const { entities, persona, languages } = SHIPPED;
  return { facts, synonyms: [], entities, persona, languages };
}

/** Questions for a generated base: its own phrasings, some with a typo, some reworded, some unrelated. */
export function generateQuestions(kb: KnowledgeBase, count: number, seed = 7): string[] {
  const rand = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const f = kb.facts[Math.floor(rand() * kb.facts.length)]!;
    const q = [f.question, ...f.alternates][Math.floor(rand() * 4)]!;
    const kind = i % 4;
    if (kind === 1) {
      const at = 1 + Math.floor(rand() * (q.length - 2));
      out.push(q.slice(0, at) + q.slice(at + 1));
    } else if (kind === 2) out.push(`hey, ${q.toLowerCase()} please`);
    else if (kind === 3)
      out.push(
        `Is ${WORDS[Math.floor(rand() * WORDS.length)]} in the ${WORDS[Math.floor(rand() * WORDS.length)]}?`,
      );
    else out.push(q);
  }
  return out;
}
