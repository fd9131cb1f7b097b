// "Ask the bot about this message": answers the text of the message it was used on. Interaction replies
// cannot quote a message, so the reply opens with a jump link to it (works even where the bot cannot post).
import { ApplicationCommandType } from 'discord.js';
import { logAnswer } from '../audit.js';
import { recordAnswer, timedAsk } from '../feedback.js';
import { renderAnswer } from '../render.js';
import { TEXT, USER_ERRORS, UserError } from '../text.js';
import { es } from './locales.js';
import type { MessageCommand } from './types.js';

export const askMessage = {
  kind: 'message',
  data: {
    type: ApplicationCommandType.Message,
    name: 'Ask the bot about this message',
    name_localizations: es('Preguntar al bot sobre este mensaje'),
  },
  description: "Answers the message's text as a question.",
  async execute(interaction, { brain, logger, questionLog, settings }) {
    const startedAt = performance.now();
    const text = interaction.targetMessage.content.trim();
    if (!text) throw new UserError(USER_ERRORS.emptyMessage);
    const { answer, latencyMs } = timedAsk(brain, text, {
      locale: settings.for(interaction.guildId).lang ?? interaction.locale,
      guildId: interaction.guildId,
    });
    const { guildId, channelId, user } = interaction;
    const voteId = recordAnswer(questionLog, answer, { guildId, channelId, userId: user.id }, latencyMs);
    const content = `${TEXT.aboutMessage[answer.lang]}: ${interaction.targetMessage.url}`;
    await interaction.reply(renderAnswer(answer, { content, voteId }));
    logAnswer(logger, answer, {
      source: 'ask-message',
      guildId,
      channelId,
      latencyMs: performance.now() - startedAt,
    });
  },
} as const satisfies MessageCommand;
