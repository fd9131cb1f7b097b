// One structured log line per question the bot answered or declined on Discord: ids, the fact, how
// sure it was and how long it took. The question's text is never logged at info; at debug it is.
import type { Answer } from '../answer/types.js';
import { metricEvents } from '../health/events.js';
import type { Logger } from '../log.js';

export interface AskedWhere {
  source: 'message' | 'ask' | 'ask-message';
  guildId: string | null;
  channelId: string | null;
  userId?: string;
  /** From receiving the question to the reply being accepted by Discord. */
  latencyMs: number;
}

export function logAnswer(logger: Logger, answer: Answer, where: AskedWhere): void {
  const fields = {
    ...where,
    latencyMs: Math.round(where.latencyMs * 10) / 10,
    factId: answer.factId,
    confidence: Math.round(answer.confidence * 1000) / 1000,
    answered: answer.answered,
    tier: answer.explain.tier,
    lang: answer.lang,
    truncated: answer.truncated,
  };
  logger.info(fields, answer.answered ? 'Question answered' : 'Question declined');
  metricEvents.question(where.source, answer.answered, where.latencyMs);
  logger.debug({ ...fields, question: answer.question }, 'Question text');
}
