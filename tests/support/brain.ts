// The shipped knowledge base and a brain built on it, loaded once per test file.
import { createBrain } from '../../src/answer/brain.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

export const kb = loadKnowledge('knowledge');
export const brain = createBrain(kb);
