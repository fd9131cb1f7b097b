// The one list of commands: the router dispatches from it and deploy-commands registers it, so a
// command cannot be registered without a handler (or the other way round). Some commands are worded
// by the knowledge base (persona.yaml: descriptions, topics, the featured command), so the list is
// built from its persona.
import type { Persona } from '../../knowledge/schema.js';
import { topicsCommand } from './alliances.js';
import { askMessage } from './ask-message.js';
import { askCommand } from './ask.js';
import { featuredCommand } from './featured.js';
import { help } from './help.js';
import { reload } from './reload.js';
import { settingsCommand } from './settings.js';
import { sources } from './sources.js';
import { stats } from './stats.js';
import { teach } from './teach.js';
import type { Command } from './types.js';

export function createCommands(persona: Persona): readonly Command[] {
  return [
    askCommand(persona),
    topicsCommand(persona),
    featuredCommand(persona),
    sources,
    help,
    stats,
    settingsCommand,
    askMessage,
    reload,
    teach,
  ];
}

/** The JSON bodies to send to Discord's bulk-overwrite endpoint. */
export function commandDefinitions(list: readonly Command[]) {
  return list.map((c) => c.data);
}

export type { Command, CommandContext } from './types.js';
