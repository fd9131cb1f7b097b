// /sources: where the bot's knowledge comes from.
import { ApplicationCommandType } from 'discord.js';
import { renderAnswer } from '../render.js';
import { es } from './locales.js';
import type { SlashCommand } from './types.js';

export const sources = {
  kind: 'slash',
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'sources',
    name_localizations: es('fuentes'),
    description: 'Where my answers come from',
    description_localizations: es('De dónde vienen mis respuestas'),
  },
  async execute(interaction, { brain }) {
    const { sourceFact } = brain.persona;
    const answer = brain.answerFact(sourceFact, { locale: interaction.locale });
    if (!answer) throw new Error(`The knowledge base has no fact '${sourceFact}', which /sources needs`);
    await interaction.reply(renderAnswer(answer));
  },
} as const satisfies SlashCommand;
