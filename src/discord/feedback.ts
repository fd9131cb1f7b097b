// The question log in Discord: asking the brain with a stopwatch, recording what was answered (who,
// where, how fast), and the 👍 👎 vote buttons, which confirm privately and tell the staff channel
// about a 👎. The log never throws (see question-log.ts), so none of this can stop an answer.
import { performance } from 'node:perf_hooks';
import { Routes } from 'discord.js';
import {
  disabledQuestionLog,
  entryFromAnswer,
  type QuestionLog,
  type StoredQuestion,
  type VoteValue,
} from '../analytics/index.js';
import type { Answer, AskOptions, Brain, Suggestion } from '../answer/types.js';
import { metricEvents } from '../health/events.js';
import type { ButtonHandler, CommandContext } from './commands/types.js';
import { DISCORD_LIMITS } from './render.js';
import { renderFeedbackNotice, renderStaffReport, renderVoteReply } from './render-feedback.js';
import { FEEDBACK_TEXT, USER_ERRORS, UserError, langOf } from './text.js';

/** Where a Discord question came from; the user id is hashed by the log. */
export interface Asker {
  guildId: string | null;
  channelId: string | null;
  userId: string;
}

/** brain.ask with the time it took, in milliseconds. */
export function timedAsk(
  brain: Brain,
  question: string,
  options: AskOptions,
): { answer: Answer; latencyMs: number } {
  const started = performance.now();
  const answer = brain.ask(question, options);
  return { answer, latencyMs: performance.now() - started };
}

/** Records one answered Discord question; returns its id for the vote buttons, or null (off, failed). */
export function recordAnswer(
  log: QuestionLog | undefined,
  answer: Answer,
  asker: Asker,
  latencyMs: number,
): number | null {
  if (!log?.enabled) return null;
  return log.record(entryFromAnswer(answer, { source: 'discord', ...asker, latencyMs }));
}

/**
 * Other questions the person may have meant, for a 👎: the known questions closest to what they
 * typed, then the facts related to the answer they got, without the fact they got.
 */
export function alternativesFor(brain: Brain, question: StoredQuestion): Suggestion[] {
  const options = { locale: question.lang };
  const close = brain.complete(question.question, { ...options, limit: DISCORD_LIMITS.buttonsPerRow + 1 });
  const related = question.factId ? (brain.answerFact(question.factId, options)?.related ?? []) : [];
  return [...close, ...related].filter((s) => s.factId !== question.factId);
}

function parseVote(args: string[]): { questionId: number; value: VoteValue } | null {
  const [id, direction] = args;
  const questionId = Number(id);
  if (!id || !/^\d+$/.test(id) || !Number.isSafeInteger(questionId) || questionId <= 0) return null;
  if (direction === 'up') return { questionId, value: 1 };
  if (direction === 'down') return { questionId, value: -1 };
  return null;
}

/** Posts a 👎 to the staff channel; a failure is logged, never shown to the person who voted. */
async function tellStaff(
  interaction: Parameters<ButtonHandler['execute']>[0],
  ctx: CommandContext,
  channelId: string,
  question: StoredQuestion,
  value: VoteValue,
): Promise<void> {
  const excerpt = question.factId
    ? (ctx.brain.answerFact(question.factId, { locale: question.lang })?.text ?? null)
    : null;
  try {
    // Straight to REST: the staff channel may be in a server another shard holds, so not in our cache.
    await interaction.client.rest.post(Routes.channelMessages(channelId), {
      body: renderStaffReport(question, excerpt, value),
    });
  } catch (err) {
    ctx.logger.error(
      { err, feedbackChannelId: channelId, questionId: question.id },
      'Could not post a 👎 to the feedback channel',
    );
  }
}

/** `vote:<questionId>:<up|down>`: one vote per person per answer, changeable, confirmed privately. */
export const voteButton: ButtonHandler = {
  prefix: 'vote',
  async execute(interaction, args, ctx) {
    const vote = parseVote(args);
    if (!vote) throw new UserError(USER_ERRORS.unknownButton);
    const lang = langOf(interaction.locale);
    const log = ctx.questionLog ?? disabledQuestionLog;
    if (!log.enabled) {
      await interaction.reply(renderFeedbackNotice(FEEDBACK_TEXT.votesOff[lang]));
      return;
    }
    const question = log.question(vote.questionId);
    if (!question) {
      await interaction.reply(renderFeedbackNotice(FEEDBACK_TEXT.voteExpired[lang]));
      return;
    }
    const { changed } = log.vote(vote.questionId, interaction.user.id, vote.value);
    if (changed) metricEvents.vote(vote.value);
    const alternatives = vote.value === -1 ? alternativesFor(ctx.brain, question) : [];
    await interaction.reply(renderVoteReply(vote.value, question.lang, alternatives, question.factId));
    // Only a new or changed 👎 reaches the staff: clicking the same button again posts nothing.
    // The staff channel of the server the question was asked in (its /settings, else FEEDBACK_CHANNEL_ID).
    const staffChannelId = ctx.settings.staffChannelFor(question.guildId ?? interaction.guildId);
    if (vote.value === -1 && changed && staffChannelId) {
      await tellStaff(interaction, ctx, staffChannelId, question, vote.value);
    }
  },
};
