// Pure renderers for teaching: the staff channel's suggestion (a select menu of candidate facts plus
// "none of these" and "not answerable") and what it turns into once a moderator has chosen. Data in,
// payloads out, inside Discord's limits, never pinging anyone (the questions are user input).
import {
  ComponentType,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIEmbed,
  type APIStringSelectComponent,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { Fact } from '../knowledge/schema.js';
import type { SuggestionGroup } from '../teach/suggest.js';
import { DISCORD_LIMITS, fitEmbed, truncate } from './render.js';
import { TEACH_UI as T } from './text.js';

const COLOR = { open: 0xf2a900, taught: 0x006847, closed: 0x8a8a8a } as const;
/** The select menu's custom id prefix: `teach:<suggestion id>`. */
export const TEACH_SELECT = 'teach';
/** Select values that are not fact ids (fact ids are lower-case words and hyphens, so never start with "_"). */
export const CHOICE = { none: '_none', unanswerable: '_unanswerable' } as const;
const SELECT_LABEL = 100;
const SELECT_DESCRIPTION = 100;

const questionList = (questions: readonly string[]) =>
  questions.map((q) => `• ${escapeMarkdown(truncate(q.replace(/\s+/g, ' '), 150))}`).join('\n') || '…';

function suggestionEmbed(
  group: Pick<SuggestionGroup, 'questions' | 'count' | 'reasons'>,
  color: number,
): APIEmbed {
  return {
    title: T.suggestionTitle,
    description: T.suggestionIntro(group.count),
    color,
    fields: [
      { name: T.questions, value: truncate(questionList(group.questions), DISCORD_LIMITS.fieldValue) },
      { name: T.why, value: T.reasons(group.reasons), inline: true },
    ],
  };
}

/** The staff channel post for a new group of questions. */
export function renderSuggestion(
  id: number,
  group: SuggestionGroup,
  facts: ReadonlyMap<string, Fact>,
): RESTPostAPIChannelMessageJSONBody {
  const options = group.candidates
    .map((factId) => facts.get(factId))
    .filter((f): f is Fact => !!f)
    .slice(0, 23)
    .map((f) => ({
      label: truncate(f.question, SELECT_LABEL),
      value: f.id,
      description: truncate(f.id, SELECT_DESCRIPTION),
    }));
  options.push(
    { label: T.none, value: CHOICE.none, description: T.noneHint },
    { label: T.unanswerable, value: CHOICE.unanswerable, description: T.unanswerableHint },
  );
  const select: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: `${TEACH_SELECT}:${id}`,
    placeholder: T.placeholder,
    min_values: 1,
    max_values: 1,
    options,
  };
  const row: APIActionRowComponent<APIStringSelectComponent> = {
    type: ComponentType.ActionRow,
    components: [select],
  };
  const embed = { ...suggestionEmbed(group, COLOR.open), footer: { text: `suggestion #${id}` } };
  return { embeds: [fitEmbed(embed)], components: [row], allowed_mentions: { parse: [] } };
}

/** The suggestion once decided: the original post with the menu gone and the decision (and who made it) added. */
export function renderDecision(
  id: number,
  original: APIEmbed | undefined,
  questions: readonly string[],
  outcome: { kind: 'taught' | 'none' | 'unanswerable'; text: string },
) {
  const base: APIEmbed = original ?? {
    title: T.suggestionTitle,
    fields: [{ name: T.questions, value: truncate(questionList(questions), DISCORD_LIMITS.fieldValue) }],
  };
  const embed: APIEmbed = {
    ...base,
    color: outcome.kind === 'taught' ? COLOR.taught : COLOR.closed,
    fields: [
      ...(base.fields ?? []).filter((f) => f.name !== T.decision),
      { name: T.decision, value: truncate(outcome.text, DISCORD_LIMITS.fieldValue) },
    ],
    footer: { text: `suggestion #${id}` },
  };
  return { embeds: [fitEmbed(embed)], components: [], allowedMentions: { parse: [] as [] } };
}
