// Pure renderers for the feedback buttons, the staff channel post and /stats: data in, payloads out,
// inside Discord's limits and never pinging anyone (question text is user input, even in staff posts).
import {
  MessageFlags,
  escapeMarkdown,
  type APIEmbed,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { Report } from '../analytics/index.js';
import type { StoredQuestion, VoteValue } from '../analytics/index.js';
import type { Lang, Suggestion } from '../answer/types.js';
import {
  DISCORD_LIMITS,
  NO_MENTIONS,
  factButtonId,
  fitEmbed,
  suggestionButtons,
  truncate,
  type ReplyPayload,
} from './render.js';
import { FEEDBACK_TEXT as T } from './text.js';

const COLOR = { down: 0xce1126, stats: 0x006847 } as const;
/** How much of an answer the staff post quotes. */
export const EXCERPT_CHARS = 300;
/** Rows in each /stats list. */
export const STATS_ROWS = 5;

function privately(payload: Omit<ReplyPayload, 'allowedMentions' | 'flags'>): ReplyPayload {
  return { ...payload, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral };
}

/** A short private text reply in the user's language. */
export function renderFeedbackNotice(text: string): ReplyPayload {
  return privately({ content: truncate(text, DISCORD_LIMITS.content), embeds: [], components: [] });
}

/**
 * The private confirmation of a vote. A 👎 also offers other questions (as `fact:` buttons) that may
 * be what the person meant; `givenFactId` is left out of them.
 */
export function renderVoteReply(
  value: VoteValue,
  lang: Lang,
  alternatives: Suggestion[] = [],
  givenFactId: string | null = null,
): ReplyPayload {
  if (value === 1) return renderFeedbackNotice(T.thanksUp[lang]);
  const exclude = new Set(givenFactId ? [factButtonId(givenFactId, lang) ?? ''] : []);
  const components = suggestionButtons(alternatives, lang, exclude);
  const content = components.length ? `${T.thanksDown[lang]}\n${T.didYouMean[lang]}` : T.thanksDown[lang];
  return privately({ content, embeds: [], components });
}

/**
 * The post in the staff channel (FEEDBACK_CHANNEL_ID) for a 👎: the question, the answer it got (fact
 * id and an excerpt of that fact's current text) and the vote. No user, hashed or not. Written in
 * English: it is for the bot's maintainers.
 */
export function renderStaffReport(
  question: StoredQuestion,
  excerpt: string | null,
  value: VoteValue,
): RESTPostAPIChannelMessageJSONBody {
  const answer = question.factId
    ? `\`${question.factId}\`${excerpt ? `\n> ${escapeMarkdown(truncate(excerpt.replace(/\s+/g, ' '), EXCERPT_CHARS))}` : ''}`
    : '(no fact)';
  const embed: APIEmbed = {
    title: T.staffTitle.en,
    color: COLOR.down,
    fields: [
      { name: T.staffQuestion.en, value: escapeMarkdown(truncate(question.question.trim() || '…', 1000)) },
      { name: T.staffAnswer.en, value: answer },
      { name: T.staffVote.en, value: value === 1 ? '👍' : '👎', inline: true },
    ],
    footer: {
      text: [
        `question #${question.id}`,
        question.lang,
        question.guildId ? `server ${question.guildId}` : 'direct message',
      ].join(' · '),
    },
    timestamp: new Date(question.askedAt).toISOString(),
  };
  return { embeds: [fitEmbed(embed)], allowed_mentions: { parse: [] } };
}

function list(lines: string[], lang: Lang): string {
  if (lines.length === 0) return T.statsNone[lang];
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > DISCORD_LIMITS.fieldValue) break;
    out.push(line);
    used += line.length + 1;
  }
  return out.join('\n');
}

const quote = (text: string) => escapeMarkdown(truncate(text, 150));

/** /stats: the headline figures and the top lists of the report, privately. */
export function renderStats(report: Report, lang: Lang): ReplyPayload {
  const rate = report.answerRate === null ? 'n/a' : `${Math.round(report.answerRate * 100)}%`;
  const embed: APIEmbed = {
    title: T.statsTitle[lang],
    color: COLOR.stats,
    description: [
      `**${T.statsAsked[lang]}:** ${report.asked}`,
      `**${T.statsAnswerRate[lang]}:** ${rate} (${report.answered}/${report.factual} ${T.statsAnsweredOf[lang]})`,
    ].join('\n'),
    fields: [
      {
        name: T.statsTop[lang],
        value: list(
          report.topQuestions
            .slice(0, STATS_ROWS)
            .map(
              (q, i) => `${i + 1}. ${quote(q.question)} ×${q.count}` + (q.factId ? ` \`${q.factId}\`` : ''),
            ),
          lang,
        ),
      },
      {
        name: T.statsGaps[lang],
        value: list(
          report.gaps.slice(0, STATS_ROWS).map((g, i) => `${i + 1}. ${quote(g.question)} ×${g.count}`),
          lang,
        ),
      },
      {
        name: T.statsDownvoted[lang],
        value: list(
          report.downvotedFacts
            .slice(0, STATS_ROWS)
            .map((f, i) => `${i + 1}. \`${f.factId}\` 👎 ${f.down} · 👍 ${f.up}`),
          lang,
        ),
      },
    ],
  };
  return privately({ embeds: [fitEmbed(embed)], components: [] });
}
