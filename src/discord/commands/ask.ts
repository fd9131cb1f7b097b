// /ask question:<text> [private:<bool>]: answers a question as an embed, with autocomplete of known questions.
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { LIMITS } from '../../knowledge/schema.js';
import { recordAnswer, timedAsk } from '../feedback.js';
import { DISCORD_LIMITS, renderAnswer, renderChoices } from '../render.js';
import { es } from './locales.js';
import type { SlashCommand } from './types.js';

export const ask = {
  kind: 'slash',
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'ask',
    name_localizations: es('preguntar'),
    description: "Ask a question about Mexico's international alliances",
    description_localizations: es('Haz una pregunta sobre las alianzas internacionales de México'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        name_localizations: es('pregunta'),
        description: 'Your question, e.g. "Is Mexico in NATO?"',
        description_localizations: es('Tu pregunta, p. ej. "¿México está en la OTAN?"'),
        required: true,
        autocomplete: true,
        // Longer questions are cut by the brain anyway; this keeps the box honest.
        max_length: LIMITS.question * 5,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'private',
        name_localizations: es('privado'),
        description: 'Only you see the answer',
        description_localizations: es('Solo tú ves la respuesta'),
        required: false,
      },
    ],
  },
  async execute(interaction, { brain, questionLog }) {
    const question = interaction.options.getString('question', true);
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    const { answer, latencyMs } = timedAsk(brain, question, { locale: interaction.locale });
    const { guildId, channelId, user } = interaction;
    const voteId = recordAnswer(questionLog, answer, { guildId, channelId, userId: user.id }, latencyMs);
    await interaction.reply(renderAnswer(answer, { ephemeral, voteId }));
  },
  async autocomplete(interaction, { brain }) {
    const input = String(interaction.options.getFocused());
    const suggestions = brain.complete(input, { locale: interaction.locale, limit: DISCORD_LIMITS.choices });
    await interaction.respond(renderChoices(suggestions));
  },
} as const satisfies SlashCommand;
