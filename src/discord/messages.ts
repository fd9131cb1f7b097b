// Answers plain messages: always when the bot is mentioned, in a DM, or replied to (a reply to one of
// its answers, with or without a ping); in a server's answer channels (its /settings, else
// ANSWER_CHANNEL_IDS) only when the brain is confident enough for that server, so the bot never talks
// over a conversation. A follow-up is read in its conversation: the reply chain, or the thread or DM
// the bot answered in (conversations.ts).
import type { Message } from 'discord.js';
import type { QuestionLog } from '../analytics/index.js';
import type { Answer, Brain } from '../answer/types.js';
import type { Logger } from '../log.js';
import { logAnswer } from './audit.js';
import { Conversations } from './conversations.js';
import type { Cooldowns } from './cooldown.js';
import { recordAnswer, timedAsk } from './feedback.js';
import { NO_MENTIONS, renderAnswer } from './render.js';
import { retryOnNetworkError } from './retry.js';
import { slowDownText } from './text.js';
import { DEFAULT_CHANNEL_CONFIDENCE, type GuildSettings, type ServerSettings } from '../settings/store.js';

/** The default "confident enough to speak unasked" threshold; each server can change it (/settings). */
export const CHANNEL_CONFIDENCE_THRESHOLD = DEFAULT_CHANNEL_CONFIDENCE;

/** True when an answer may be posted in an opted-in channel without anyone asking the bot. */
export function confidentEnough(answer: Answer, threshold = CHANNEL_CONFIDENCE_THRESHOLD): boolean {
  return answer.answered && answer.confidence >= threshold;
}

/** Removes mentions of the bot (<@id> and <@!id>) from a message's text. */
export function stripMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the message is in one of the server's answer channels (or a thread of one, if it says so). */
function answersIn(server: ServerSettings, message: Message): boolean {
  if (server.answerChannelIds.includes(message.channelId)) return true;
  if (!server.answerInThreads || !message.channel?.isThread()) return false;
  const parentId = message.channel.parentId;
  return parentId !== null && server.answerChannelIds.includes(parentId);
}

export interface MessageHandlerOptions {
  brain: Brain;
  logger: Logger;
  /** Each server's answer channels, threads, language and confidence (defaults: the environment). */
  settings: GuildSettings;
  /** Records the questions the bot answers (only those: a message it passes over is not stored). */
  questionLog?: QuestionLog;
  /** Flood control; without it every question is answered. */
  cooldown?: Cooldowns;
  /** Remembered conversations (reply chains, threads, DMs); a fresh memory by default. */
  conversations?: Conversations;
}

export function createMessageHandler({
  brain,
  logger,
  settings,
  questionLog,
  cooldown,
  conversations = new Conversations(),
}: MessageHandlerOptions) {
  return async function handleMessage(message: Message): Promise<void> {
    const startedAt = performance.now();
    const me = message.client.user;
    if (message.author.bot || message.author.id === me.id || message.system) return;
    const inDm = !message.inGuild();
    const mentioned = message.mentions.users.has(me.id);
    const server = inDm ? settings.defaults : settings.for(message.guildId);
    const channelOptedIn = !inDm && answersIn(server, message);
    // A reply to one of the bot's answers speaks to the bot, ping or not.
    const replying = conversations.repliesToKnownAnswer(message);
    const addressed = inDm || mentioned || replying;
    if (!addressed && !channelOptedIn) return;

    const text = stripMention(message.content, me.id);
    if (!text && !addressed) return;
    const locale = server.lang ?? message.guild?.preferredLocale;
    const history = await conversations.historyOf(message, me.id, inDm || mentioned);
    const { answer, latencyMs } = timedAsk(brain, text, { locale, guildId: message.guildId, history });
    if (!addressed && !confidentEnough(answer, server.channelConfidence)) return;
    const { guildId, channelId, author } = message;
    const where = { guildId, channelId };
    // A retried POST (after a connection reset) must not post the answer twice: Discord returns the
    // message already created with the same nonce instead of creating another.
    const once = { nonce: `q${message.id}`.slice(0, 25), enforceNonce: true };
    try {
      const verdict = cooldown?.check({
        userId: message.author.id,
        channelId: message.channelId,
        question: text,
      });
      if (verdict && !verdict.allowed) {
        logger.info({ ...where, userId: message.author.id, reason: verdict.reason }, 'Question held back');
        // Nobody asked the bot in an opted-in channel, so it stays quiet there rather than scold.
        if (verdict.notify && addressed) {
          const lang = brain.detectLang(text, locale);
          await retryOnNetworkError(() =>
            message.reply({
              content: slowDownText(verdict.reason, verdict.retryAfterMs, lang),
              allowedMentions: NO_MENTIONS,
              ...once,
            }),
          );
        }
        return;
      }
      // Channel messages cannot be ephemeral; renderAnswer without options sets no flags.
      // Only questions actually answered are recorded, not those held back above.
      const voteId = recordAnswer(questionLog, answer, { guildId, channelId, userId: author.id }, latencyMs);
      const sent = await retryOnNetworkError(() =>
        message.reply({ ...renderAnswer(answer, { voteId }), flags: undefined, ...once }),
      );
      conversations.remember(message, sent?.id, text, history);
      logAnswer(logger, answer, { source: 'message', ...where, latencyMs: performance.now() - startedAt });
    } catch (err) {
      logger.error(
        { err, messageId: message.id, channelId: message.channelId, guildId: message.guildId },
        'Could not reply to a message',
      );
    }
  };
}
