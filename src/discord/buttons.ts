// Buttons are dispatched by the prefix of their custom id ("fact:<factId>:<lang>"). New kinds of
// button (e.g. "vote:" feedback) add one entry to `buttons`.
import type { ButtonHandler } from './commands/types.js';
import { voteButton } from './feedback.js';
import { renderAnswer } from './render.js';
import { USER_ERRORS, UserError } from './text.js';

export const factButton: ButtonHandler = {
  prefix: 'fact',
  async execute(interaction, [factId, lang], { brain }) {
    if (!factId) throw new UserError(USER_ERRORS.unknownButton);
    const answer = brain.answerFact(factId, { locale: lang ?? interaction.locale });
    if (!answer) throw new UserError(USER_ERRORS.unknownFact);
    await interaction.reply(renderAnswer(answer));
  },
};

export const buttons: readonly ButtonHandler[] = [factButton, voteButton];
