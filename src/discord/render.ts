// Pure functions from the brain's plain data to Discord message payloads. No client, no I/O: data in,
// reply options out, always inside Discord's limits and never pinging anyone.
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import { MESSAGES } from '../answer/respond.js';
import { MAX_QUESTION_LENGTH, type Answer, type Lang, type Suggestion } from '../answer/types.js';
import type { Source, Topic } from '../knowledge/schema.js';
import { TEXT } from './text.js';

/** Discord's documented limits for what we send. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  embeds: 10,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

const COLOR = { answered: 0x006847, declined: 0x8a8a8a } as const;

/** Never ping anyone: not @everyone, not roles, not users, not the author of a replied-to message. */
export const NO_MENTIONS = { parse: [] as [], repliedUser: false } as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface ReplyPayload {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: typeof NO_MENTIONS;
  flags?: MessageFlags.Ephemeral;
}

/** Cuts text to at most `max` characters (code points kept whole), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Do not leave half of a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * What the user typed, made safe to show back in an embed title: one line, no control characters or
 * broken surrogates, stacked combining marks (zalgo) thinned, mentions (@everyone, @here, <@id>,
 * <@&id>, <#id>) defused with a zero-width space, markdown escaped, then cut to `max`.
 */
export function echo(text: string, max: number): string {
  const cleaned = text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\u200B-\u200F\u202A-\u202E\u2066-\u2069]+/gu, ' ')
    .replace(/(\p{M}{2})\p{M}+/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/@(everyone|here)/gi, '@\u200B$1')
    .replace(/<([@#])/g, '<$1\u200B')
    .replace(/[\\*_~`|[\]()]/g, '\\$&')
    // Headings, quotes and lists only start a line, and a title is one line.
    .replace(/^[#>-]/, '\\$&');
  let cut = truncate(cleaned, max);
  // Never end on a lone escaping backslash, which would escape the ellipsis instead.
  while (/(^|[^\\])(\\\\)*\\…$/.test(cut)) cut = `${cut.slice(0, -2)}…`;
  return cut || '…';
}

/** The section's address, with a text fragment so browsers scroll to the section's heading. */
export function sectionUrl(source: Source): string {
  if (source.url.includes('#')) return source.url;
  // Text fragments use '-' and ',' as syntax, so those must be escaped too.
  const fragment = encodeURIComponent(source.section).replace(/-/g, '%2D').replace(/,/g, '%2C');
  return `${source.url}#:~:text=${fragment}`;
}

function linkText(text: string): string {
  return text.replace(/[[\]]/g, '').replace(/\s+/g, ' ');
}

/** "[Title: Section](url)" lines, as many as fit in `max` characters. */
export function sourceLines(sources: Source[], max: number = DISCORD_LIMITS.fieldValue): string {
  const lines: string[] = [];
  let used = 0;
  for (const s of sources) {
    const line = `[${linkText(truncate(`${s.title}: ${s.section}`, 200))}](${sectionUrl(s)})`;
    if (used + line.length + (lines.length ? 1 : 0) > max) break;
    lines.push(line);
    used += line.length + (lines.length > 1 ? 1 : 0);
  }
  return lines.join('\n');
}

/** A `fact:<id>:<lang>` custom id, or null when it would not fit Discord's 100 characters. */
export function factButtonId(factId: string, lang: Lang): string | null {
  const id = `fact:${factId}:${lang}`;
  return id.length <= DISCORD_LIMITS.customId ? id : null;
}

/** Up to one row of buttons per call (5 at most), one per distinct fact, labels cut to 80 characters. */
export function suggestionButtons(
  suggestions: Suggestion[],
  lang: Lang,
  exclude: Set<string> = new Set(),
): ButtonRow[] {
  const buttons: APIButtonComponentWithCustomId[] = [];
  const seen = new Set(exclude);
  for (const s of suggestions) {
    if (buttons.length >= DISCORD_LIMITS.buttonsPerRow) break;
    const customId = factButtonId(s.factId, lang);
    if (!customId || seen.has(customId)) continue;
    seen.add(customId);
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: customId,
      label: truncate(s.question.trim() || s.factId, DISCORD_LIMITS.buttonLabel),
    });
  }
  return buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/** The embed for one answer: the question as title, the answer, its sources, and what else to ask. */
export function answerEmbed(answer: Answer): APIEmbed {
  const lang = answer.lang;
  const fields: APIEmbedField[] = [];
  if (answer.answered && answer.sources.length) {
    const name = answer.sources.length > 1 ? TEXT.sources[lang] : TEXT.source[lang];
    fields.push({ name, value: sourceLines(answer.sources) });
  }
  const list = answer.answered ? answer.related : answer.suggestions;
  if (list.length) {
    const name = answer.answered ? TEXT.related[lang] : TEXT.didYouMean[lang];
    const value = list
      .slice(0, DISCORD_LIMITS.buttonsPerRow)
      .map((s) => `• ${truncate(s.question, 200)}`)
      .join('\n');
    fields.push({ name, value: truncate(value, DISCORD_LIMITS.fieldValue) });
  }
  const embed: APIEmbed = {
    title: echo(answer.question, DISCORD_LIMITS.embedTitle),
    description: truncate(answer.text, DISCORD_LIMITS.embedDescription),
    color: answer.answered ? COLOR.answered : COLOR.declined,
    fields,
  };
  if (answer.truncated) embed.footer = { text: MESSAGES.truncated[lang](MAX_QUESTION_LENGTH) };
  return fitEmbed(embed);
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Enforces the per-part limits and the 6,000-character total, dropping trailing fields first. */
export function fitEmbed(embed: APIEmbed, budget: number = DISCORD_LIMITS.embedTotal): APIEmbed {
  const e: APIEmbed = {
    ...embed,
    ...(embed.title !== undefined && { title: truncate(embed.title, DISCORD_LIMITS.embedTitle) }),
    ...(embed.description !== undefined && {
      description: truncate(embed.description, DISCORD_LIMITS.embedDescription),
    }),
    fields: (embed.fields ?? []).slice(0, DISCORD_LIMITS.embedFields).map((f) => ({
      ...f,
      name: truncate(f.name, DISCORD_LIMITS.fieldName),
      value: truncate(f.value, DISCORD_LIMITS.fieldValue),
    })),
  };
  while (embedLength(e) > budget && e.fields && e.fields.length) e.fields.pop();
  if (embedLength(e) > budget && e.description) {
    e.description = truncate(e.description, Math.max(1, e.description.length - (embedLength(e) - budget)));
  }
  return e;
}

/** A `vote:<questionId>:<up|down>` custom id: the feedback buttons under an answer. */
export function voteButtonId(questionId: number, direction: 'up' | 'down'): string {
  return `vote:${questionId}:${direction}`;
}

/** The 👍 👎 row under a factual answer, voting on the logged question `questionId`. */
export function voteRow(questionId: number): ButtonRow {
  const button = (direction: 'up' | 'down', emoji: string): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: voteButtonId(questionId, direction),
    emoji: { name: emoji },
  });
  return { type: ComponentType.ActionRow, components: [button('up', '👍'), button('down', '👎')] };
}

/**
 * The reply for one answer: embed, related (or "did you mean") buttons, no pings. With `voteId` (the
 * question's id in the log), a factual answer also gets the 👍 👎 row.
 */
export function renderAnswer(
  answer: Answer,
  options: { ephemeral?: boolean; content?: string; voteId?: number | null } = {},
): ReplyPayload {
  const list = answer.answered ? answer.related : answer.suggestions;
  const rows = suggestionButtons(list, answer.lang);
  if (answer.answered && options.voteId != null) rows.push(voteRow(options.voteId));
  return reply([answerEmbed(answer)], rows, options);
}

/** Several answers in one reply (e.g. the featured command): one embed each, buttons for related facts not already shown. */
export function renderAnswers(answers: Answer[], options: { ephemeral?: boolean } = {}): ReplyPayload {
  const shown = answers.slice(0, DISCORD_LIMITS.embeds);
  const lang = shown[0]?.lang ?? 'en';
  const shownIds = new Set(shown.flatMap((a) => (a.factId ? [`fact:${a.factId}:${lang}`] : [])));
  const related = shown.flatMap((a) => a.related);
  let budget: number = DISCORD_LIMITS.embedTotal;
  const embeds: APIEmbed[] = [];
  for (const a of shown) {
    const e = fitEmbed(answerEmbed(a), budget);
    const used = embedLength(e);
    if (used > budget || budget <= 0) break;
    budget -= used;
    embeds.push(e);
  }
  return reply(embeds, suggestionButtons(related, lang, shownIds), options);
}

export interface TopicGroup {
  topic: Topic;
  /** The topic's label in the reader's language (persona.yaml). */
  label: string;
  answers: Answer[];
}

/** /alliances without a topic: one field per topic, each fact's question linked to its source. */
export function renderTopicOverview(groups: TopicGroup[], title: string): ReplyPayload {
  const fields = groups
    .filter((g) => g.answers.length)
    .map((g) => {
      const lines: string[] = [];
      let used = 0;
      for (const a of g.answers) {
        const src = a.sources[0];
        const q = linkText(truncate(a.question, 150));
        const line = src ? `• [${q}](${sectionUrl(src)})` : `• ${q}`;
        if (used + line.length + 1 > DISCORD_LIMITS.fieldValue) break;
        lines.push(line);
        used += line.length + 1;
      }
      return { name: g.label, value: lines.join('\n') || '…' };
    });
  const embed: APIEmbed = { title, color: COLOR.answered, fields };
  return reply([fitEmbed(embed)], []);
}

/** /alliances with a topic: each fact of the topic with its answer and source. */
export function renderTopic(group: TopicGroup, lang: Lang): ReplyPayload {
  const fields = group.answers.map((a) => {
    const src = sourceLines(a.sources.slice(0, 1), 400);
    const body = truncate(a.text, DISCORD_LIMITS.fieldValue - src.length - 2);
    return { name: a.question, value: src ? `${body}\n${src}` : body };
  });
  const embed: APIEmbed = { title: group.label, color: COLOR.answered, fields };
  const related = group.answers
    .map((a) => ({ factId: a.factId ?? '', question: a.question }))
    .filter((s) => s.factId);
  return reply([fitEmbed(embed)], suggestionButtons(related, lang));
}

export interface HelpEntry {
  name: string;
  description: string;
  /** 'slash' commands are typed as /name; 'message' ones are found in a message's Apps menu. */
  kind: 'slash' | 'message';
}

/** /help, built from the command list itself so it cannot drift from what is registered. */
/** `intro` is the knowledge base's own (persona.yaml messages.helpIntro). */
export function renderHelp(entries: HelpEntry[], lang: Lang, intro: string): ReplyPayload {
  const lines = entries.map((e) =>
    e.kind === 'slash'
      ? `**/${e.name}**: ${e.description}`
      : `**${e.name}** (Apps menu on a message): ${e.description}`,
  );
  const embed: APIEmbed = {
    title: TEXT.helpTitle[lang],
    description: truncate(`${intro}\n\n${lines.join('\n')}`, DISCORD_LIMITS.embedDescription),
    color: COLOR.answered,
  };
  return reply([fitEmbed(embed)], [], { ephemeral: true });
}

/** Autocomplete choices: at most 25, distinct, names and values at most 100 characters. */
export function renderChoices(suggestions: Suggestion[]): APIApplicationCommandOptionChoice<string>[] {
  const out: APIApplicationCommandOptionChoice<string>[] = [];
  const seen = new Set<string>();
  for (const s of suggestions) {
    if (out.length >= DISCORD_LIMITS.choices) break;
    const name = truncate(s.question.trim(), DISCORD_LIMITS.choiceName);
    const value = truncate(s.question.trim(), DISCORD_LIMITS.choiceValue);
    if (!name || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
  }
  return out;
}

/** A short private text reply (errors, notices). */
export function renderNotice(text: string): ReplyPayload {
  return reply([], [], { ephemeral: true, content: text });
}

function reply(
  embeds: APIEmbed[],
  components: ButtonRow[],
  options: { ephemeral?: boolean; content?: string } = {},
): ReplyPayload {
  const payload: ReplyPayload = {
    embeds,
    components: components.slice(0, DISCORD_LIMITS.rows),
    allowedMentions: NO_MENTIONS,
  };
  if (options.content !== undefined) payload.content = truncate(options.content, DISCORD_LIMITS.content);
  if (options.ephemeral) payload.flags = MessageFlags.Ephemeral;
  return payload;
}
