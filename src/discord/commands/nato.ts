// /nato: the question people ask most, answered with the membership fact and the reason.
import { ApplicationCommandType } from 'discord.js';
import { renderAnswers } from '../render.js';
import { es } from './locales.js';
import type { SlashCommand } from './types.js';

export const NATO_FACTS = ['nato-membership', 'nato-why-not'] as const;

export const nato = {
  kind: 'slash',
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'nato',
    name_localizations: es('otan'),
    description: 'Is Mexico in NATO, and why (not)?',
    description_localizations: es('¿Está México en la OTAN, y por qué (no)?'),
  },
  async execute(interaction, { brain }) {
    const answers = NATO_FACTS.map((id) => {
      const a = brain.answerFact(id, { locale: interaction.locale });
      if (!a) throw new Error(`The knowledge base has no fact '${id}', which /nato needs`);
      return a;
    });
    await interaction.reply(renderAnswers(answers));
  },
} as const satisfies SlashCommand;
