// "Ask the bot about this message": answers the text of the message it was used on. Interaction replies
// cannot quote a message, so the reply opens with a jump link to it (works even where the bot cannot post).
import { ApplicationCommandType } from 'discord.js';
import { logAnswer } from '../audit.js';
import { renderAnswer } from '../render.js';
import { TEXT, USER_ERRORS, UserError } from '../text.js';
import type { MessageCommand } from './types.js';

export const askMessage = {
  kind: 'message',
  data: { type: ApplicationCommandType.Message, name: 'Ask the bot about this message' },
  description: "Answers the message's text as a question.",
  async execute(interaction, { brain, logger }) {
    const startedAt = performance.now();
    const text = interaction.targetMessage.content.trim();
    if (!text) throw new UserError(USER_ERRORS.emptyMessage);
    const answer = brain.ask(text, { locale: interaction.locale });
    const content = `${TEXT.aboutMessage[answer.lang]}: ${interaction.targetMessage.url}`;
    await interaction.reply(renderAnswer(answer, { content }));
    const { guildId, channelId } = interaction;
    logAnswer(logger, answer, {
      source: 'ask-message',
      guildId,
      channelId,
      latencyMs: performance.now() - startedAt,
    });
  },
} as const satisfies MessageCommand;
