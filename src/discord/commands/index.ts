// The one list of commands: the router dispatches from it and deploy-commands registers it, so a
// command cannot be registered without a handler (or the other way round).
import { alliances } from './alliances.js';
import { askMessage } from './ask-message.js';
import { ask } from './ask.js';
import { help } from './help.js';
import { nato } from './nato.js';
import { reload } from './reload.js';
import { settingsCommand } from './settings.js';
import { sources } from './sources.js';
import { stats } from './stats.js';
import { teach } from './teach.js';
import type { Command } from './types.js';

export const commands: readonly Command[] = [
  ask,
  alliances,
  nato,
  sources,
  help,
  stats,
  settingsCommand,
  askMessage,
  reload,
  teach,
];

/** The JSON bodies to send to Discord's bulk-overwrite endpoint. */
export function commandDefinitions(list: readonly Command[] = commands) {
  return list.map((c) => c.data);
}

export type { Command, CommandContext } from './types.js';
