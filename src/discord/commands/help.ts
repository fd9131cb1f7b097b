// /help: what the bot can do, built from the registered command list so it never drifts.
import { ApplicationCommandType } from 'discord.js';
import { langOf } from '../text.js';
import { renderHelp, type HelpEntry } from '../render.js';
import type { Lang } from '../../answer/types.js';
import { es } from './locales.js';
import type { Command, SlashCommand } from './types.js';

/** Each command as the person sees it in their language's command picker. */
export function helpEntries(commands: readonly Command[], lang: Lang = 'en'): HelpEntry[] {
  const local = (text: string, map: Partial<Record<string, string | null>> | null | undefined) =>
    (lang === 'es' ? map?.['es-419'] : undefined) ?? text;
  return commands.map((c) =>
    c.kind === 'slash'
      ? {
          kind: 'slash',
          name: local(c.data.name, c.data.name_localizations),
          description: local(c.data.description, c.data.description_localizations),
        }
      : { kind: 'message', name: local(c.data.name, c.data.name_localizations), description: c.description },
  );
}

export const help = {
  kind: 'slash',
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'help',
    name_localizations: es('ayuda'),
    description: 'What I can do',
    description_localizations: es('Lo que puedo hacer'),
  },
  async execute(interaction, { brain, commands }) {
    const lang = langOf(interaction.locale);
    await interaction.reply(
      renderHelp(helpEntries(commands, lang), lang, brain.persona.messages.helpIntro[lang]),
    );
  },
} as const satisfies SlashCommand;
