// /ask question:<text> [private:<bool>]: answers a question as an embed, with autocomplete of known questions.
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../answer/types.js';
import type { Persona } from '../../knowledge/schema.js';
import { logAnswer } from '../audit.js';
import { replyInTime } from '../defer.js';
import { recordAnswer } from '../feedback.js';
import { DISCORD_LIMITS, renderAnswer, renderChoices, renderNotice } from '../render.js';
import { langOf, slowDownText } from '../text.js';
import { es } from './locales.js';
import type { SlashCommand } from './types.js';

/** /ask, described in the knowledge base's words (persona.yaml). */
export const askCommand = (persona: Persona) =>
  ({
    kind: 'slash',
    data: {
      type: ApplicationCommandType.ChatInput,
      name: 'ask',
      name_localizations: es('preguntar'),
      description: persona.messages.askDescription.en,
      description_localizations: es(persona.messages.askDescription.es),
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'question',
          name_localizations: es('pregunta'),
          description: persona.messages.askExample.en,
          description_localizations: es(persona.messages.askExample.es),
          required: true,
          autocomplete: true,
          // The brain reads a whole Discord message; this keeps the box honest.
          max_length: MAX_QUESTION_LENGTH,
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
    async execute(interaction, { brain, logger, cooldown, deferAfterMs, questionLog, settings }) {
      const startedAt = performance.now();
      const question = interaction.options.getString('question', true);
      const ephemeral = interaction.options.getBoolean('private') ?? false;
      const { guildId, channelId, user } = interaction;
      const verdict = cooldown?.check({ userId: user.id, channelId, question });
      if (verdict && !verdict.allowed) {
        // A slash command must be answered; a private notice bothers nobody else.
        logger.info({ guildId, channelId, userId: user.id, reason: verdict.reason }, 'Question held back');
        const text = slowDownText(verdict.reason, verdict.retryAfterMs, langOf(interaction.locale));
        await interaction.reply(renderNotice(text));
        return;
      }
      // The server's language (/settings) breaks ties between English and Spanish before the user's locale.
      const locale = settings.for(guildId).lang ?? interaction.locale;
      let answer = undefined as ReturnType<typeof brain.ask> | undefined;
      const produce = () => {
        const asked = performance.now();
        const a = (answer = brain.ask(question, { locale, guildId }));
        const voteId = recordAnswer(
          questionLog,
          a,
          { guildId, channelId, userId: user.id },
          performance.now() - asked,
        );
        return renderAnswer(a, { ephemeral, voteId });
      };
      await replyInTime(interaction, produce, { deferAfterMs, ephemeral });
      if (!answer) return;
      logAnswer(logger, answer, {
        source: 'ask',
        guildId,
        channelId,
        latencyMs: performance.now() - startedAt,
      });
    },
    async autocomplete(interaction, { brain }) {
      const input = String(interaction.options.getFocused());
      const suggestions = brain.complete(input, {
        locale: interaction.locale,
        limit: DISCORD_LIMITS.choices,
      });
      await interaction.respond(renderChoices(suggestions));
    },
  }) as const satisfies SlashCommand;
