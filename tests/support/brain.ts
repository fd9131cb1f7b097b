// The brain the Discord tests talk to: the real one, built from the real knowledge/ folder, so the
// Discord tests are end to end.
import { createBrain } from '../../src/answer/brain.js';
import type { Brain } from '../../src/answer/types.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

let brain: Brain | undefined;

export function testBrain(): Brain {
  brain ??= createBrain(loadKnowledge('knowledge'));
  return brain;
}
