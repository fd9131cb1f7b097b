// What a Discord conversation is, for follow-ups: a reply to one of the bot's answers continues the
// conversation that answer belonged to (with or without a ping), and in a thread or a DM the bot
// answered in, the questions it answered there are the conversation. Remembered in memory, bounded:
// the bot caches no messages (client.ts), so nothing is fetched for a reply it knows; for a reply to
// an answer it does not remember (after a restart), at most two messages are fetched, and only when
// the bot was addressed (mention or DM).
import type { Message } from 'discord.js';
import { MAX_HISTORY } from '../answer/conversation.js';

/** Keeps at most `max` keys, the oldest dropped first. */
class Bounded<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

export interface ConversationOptions {
  /** Answers remembered, for replies to them. */
  maxAnswers?: number;
  /** Threads and DMs remembered. */
  maxChannels?: number;
}

export class Conversations {
  /** The bot's answer message id -> the conversation's questions up to and including the one it answered. */
  private readonly byAnswer: Bounded<readonly string[]>;
  /** Thread or DM channel id -> the questions the bot answered there, oldest first. */
  private readonly byChannel: Bounded<readonly string[]>;

  constructor({ maxAnswers = 5_000, maxChannels = 1_000 }: ConversationOptions = {}) {
    this.byAnswer = new Bounded(maxAnswers);
    this.byChannel = new Bounded(maxChannels);
  }

  /** Whether this message replies to an answer the bot remembers. */
  repliesToKnownAnswer(message: Pick<Message, 'reference'>): boolean {
    const id = message.reference?.messageId;
    return !!id && this.byAnswer.get(id) !== undefined;
  }

  /**
   * The earlier questions of the conversation a message belongs to, oldest first: the reply chain
   * when it replies to an answer, else the thread's or DM's questions; [] when it starts one.
   */
  async historyOf(message: Message, botId: string, addressed: boolean): Promise<string[]> {
    const replyTo = message.reference?.messageId;
    if (replyTo) {
      const known = this.byAnswer.get(replyTo);
      if (known) return [...known];
      if (addressed) return fetchChain(message, botId);
    }
    if (conversational(message)) return [...(this.byChannel.get(message.channelId) ?? [])];
    return [];
  }

  /** Remembers that `answerId` answered `question`, asked after `history`. */
  remember(
    message: Message,
    answerId: string | undefined,
    question: string,
    history: readonly string[],
  ): void {
    const questions = [...history, question].slice(-MAX_HISTORY);
    if (answerId) this.byAnswer.set(answerId, questions);
    if (conversational(message))
      this.byChannel.set(
        message.channelId,
        [...(this.byChannel.get(message.channelId) ?? []), question].slice(-MAX_HISTORY),
      );
  }
}

/** Threads and DMs are conversations of their own; a busy channel is not. */
const conversational = (message: Message) => !message.inGuild() || !!message.channel?.isThread?.();

/** The question a forgotten answer replied to: the answer, then the message it replied to (two fetches at most). */
async function fetchChain(message: Message, botId: string): Promise<string[]> {
  try {
    const answer = await message.fetchReference();
    if (answer.author.id !== botId || !answer.reference?.messageId) return [];
    const question = await answer.fetchReference();
    const text = question.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').trim();
    return text ? [text] : [];
  } catch {
    // Deleted, or no permission to read history: the question is read on its own.
    return [];
  }
}
