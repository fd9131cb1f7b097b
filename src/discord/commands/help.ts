// /help: what the bot can do, built from the registered command list so it never drifts.
import { ApplicationCommandType } from 'discord.js';
import { langOf } from '../text.js';
import { renderHelp, type HelpEntry } from '../render.js';
import type { Command, SlashCommand } from './types.js';

export function helpEntries(commands: readonly Command[]): HelpEntry[] {
  return commands.map((c) =>
    c.kind === 'slash'
      ? { kind: 'slash', name: c.data.name, description: c.data.description }
      : { kind: 'message', name: c.data.name, description: c.description },
  );
}

export const help = {
  kind: 'slash',
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'help',
    description: 'What I can do',
    description_localizations: { 'es-ES': 'Lo que puedo hacer' },
  },
  async execute(interaction, { commands }) {
    await interaction.reply(renderHelp(helpEntries(commands), langOf(interaction.locale)));
  },
} as const satisfies SlashCommand;
