// The shipped knowledge base and a brain built on it, loaded once per test file. The Discord tests use
// the real brain too, so they are end to end.
import { createBrain } from '../../src/answer/brain.js';
import type { Brain } from '../../src/answer/types.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

export const kb = loadKnowledge('knowledge');
export const brain = createBrain(kb);

export function testBrain(): Brain {
  return brain;
}
