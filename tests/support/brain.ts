// The shipped knowledge base and a brain built on it, loaded once per test file. The Discord tests use
// the real brain too, so they are end to end.
import { createBrain } from '../../src/answer/brain.js';
import type { Brain } from '../../src/answer/types.js';
import { createCommands } from '../../src/discord/commands/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

export const kb = loadKnowledge('knowledge');
export const brain = createBrain(kb);
/** The shipped bot's commands, worded by the shipped persona. */
export const commands = createCommands(kb.persona);

export function testBrain(): Brain {
  return brain;
}
