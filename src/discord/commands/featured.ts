// The featured command (persona.yaml `featured`): the question people ask most, answered with the
// facts the knowledge base names, in order. Its name and description are the knowledge base's.
import { ApplicationCommandType } from 'discord.js';
import type { Persona } from '../../knowledge/schema.js';
import { renderAnswers } from '../render.js';
import { es } from './locales.js';
import type { SlashCommand } from './types.js';

export function featuredCommand(persona: Persona): SlashCommand {
  const { featured } = persona;
  return {
    kind: 'slash',
    data: {
      type: ApplicationCommandType.ChatInput,
      name: featured.name.en,
      name_localizations: es(featured.name.es),
      description: featured.description.en,
      description_localizations: es(featured.description.es),
    },
    async execute(interaction, { brain }) {
      const answers = featured.facts.map((id) => {
        const a = brain.answerFact(id, { locale: interaction.locale });
        if (!a) throw new Error(`The knowledge base has no fact '${id}', which /${featured.name.en} needs`);
        return a;
      });
      await interaction.reply(renderAnswers(answers));
    },
  };
}
