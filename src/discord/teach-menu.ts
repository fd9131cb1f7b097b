// Teaching from the staff channel: a round posts each new group of badly answered questions of a
// server (src/teach/suggest.ts) to that server's staff channel, at most a few a day per channel, as
// a select menu of candidate facts; a moderator's choice teaches the group's questions to that fact
// (or closes the suggestion), and the message is updated to show what was decided and by whom.
import { escapeMarkdown, Routes, type Client, type StringSelectMenuInteraction } from 'discord.js';
import type { Logger } from '../log.js';
import { suggestionGroups, SUGGEST_DEFAULTS } from '../teach/suggest.js';
import type { Teacher } from '../teach/index.js';
import type { Brain } from '../answer/types.js';
import type { CommandContext } from './commands/types.js';
import { actorOf, requireManager } from './commands/teach.js';
import { CHOICE, renderDecision, renderSuggestion, TEACH_SELECT } from './render-teach.js';
import { renderNotice } from './render.js';
import type { StaffChannelFor } from './staff.js';
import { TEACH_UI, USER_ERRORS, UserError } from './text.js';

const DAY_MS = 86_400_000;

export interface SuggestionRoundOptions {
  /** Between rounds (the first runs when the bot is ready). */
  everyMs?: number;
  /** Suggestions per staff channel per 24 hours. */
  perDay?: number;
  /** A group must have been asked this many times. */
  minCount?: number;
  days?: number;
}

export const SUGGESTION_DEFAULTS = { everyMs: 15 * 60_000, perDay: 3, ...SUGGEST_DEFAULTS } as const;

export interface SelectHandler {
  prefix: string;
  execute(interaction: StringSelectMenuInteraction, args: string[], ctx: CommandContext): Promise<void>;
}

/** One round over the servers this client holds; returns how many suggestions were posted. */
export async function postSuggestions(
  client: Client,
  deps: { teacher: Teacher; brain: Brain; staffChannelFor: StaffChannelFor; logger: Logger },
  options: SuggestionRoundOptions = {},
): Promise<number> {
  const { teacher, brain, staffChannelFor, logger } = deps;
  const perDay = options.perDay ?? SUGGESTION_DEFAULTS.perDay;
  const store = teacher.store;
  const facts = new Map(brain.facts().map((f) => [f.id, f]));
  let posted = 0;
  const teachable = teacher.teachable();
  for (const guildId of client.guilds.cache.keys()) {
    const channelId = staffChannelFor(guildId);
    if (!channelId) continue;
    const room = perDay - store.postedSince(channelId, Date.now() - DAY_MS);
    if (room <= 0) continue;
    const groups = suggestionGroups(store.db, brain, {
      guildId,
      days: options.days,
      minCount: options.minCount,
      exclude: store.suggestedKeys(),
      acceptable: teachable,
    }).slice(0, room);
    for (const group of groups) {
      // Claimed in the database first, so another shard's round does not post it too.
      const id = store.createSuggestion({
        guildId,
        channelId,
        groupKeys: group.keys,
        questions: group.questions,
        candidates: group.candidates,
      });
      try {
        const message = (await client.rest.post(Routes.channelMessages(channelId), {
          body: renderSuggestion(id, group, facts),
        })) as { id?: string };
        if (message?.id) store.setSuggestionMessage(id, message.id);
        posted++;
      } catch (err) {
        store.dropSuggestion(id);
        logger.error(
          { err, channelId, guildId },
          'Could not post a teaching suggestion to the staff channel',
        );
        break;
      }
    }
  }
  if (posted) logger.info({ posted }, 'Teaching suggestions posted');
  return posted;
}

/** Runs rounds every `everyMs`; returns a function that stops them. A failing round is logged. */
export function scheduleSuggestions(
  client: Client,
  deps: Parameters<typeof postSuggestions>[1],
  options: SuggestionRoundOptions = {},
): () => void {
  let running = false;
  const round = () => {
    if (running) return;
    running = true;
    postSuggestions(client, deps, options)
      .catch((err: unknown) => deps.logger.error({ err }, 'Teaching suggestion round failed'))
      .finally(() => (running = false));
  };
  round();
  const timer = setInterval(round, options.everyMs ?? SUGGESTION_DEFAULTS.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** `teach:<suggestion id>`: a moderator's choice in a suggestion's menu. */
export const teachSelect: SelectHandler = {
  prefix: TEACH_SELECT,
  async execute(interaction, [rawId], ctx) {
    requireManager(interaction);
    if (!ctx.teacher) throw new UserError(TEACH_UI.unavailable);
    const id = Number(rawId);
    if (!rawId || !/^\d+$/.test(rawId) || !Number.isSafeInteger(id))
      throw new UserError(USER_ERRORS.unknownButton);
    const store = ctx.teacher.store;
    const suggestion = store.suggestion(id);
    if (!suggestion) throw new UserError(TEACH_UI.gone);
    if (suggestion.status !== 'open') throw new UserError(TEACH_UI.alreadyDecided);
    const choice = interaction.values[0] ?? '';
    const who = actorOf(interaction, 'suggestion');
    const shown = escapeMarkdown(who.actor);
    const original = interaction.message.embeds[0]?.toJSON();

    if (choice === CHOICE.none || choice === CHOICE.unanswerable) {
      const kind = choice === CHOICE.none ? 'none' : 'unanswerable';
      if (!store.decide(id, kind, who.actor, null)) throw new UserError(TEACH_UI.alreadyDecided);
      ctx.logger.info({ suggestion: id, decision: kind, actor: who.actor }, 'Teaching suggestion closed');
      const text = kind === 'none' ? TEACH_UI.decidedNone(shown) : TEACH_UI.decidedUnanswerable(shown);
      await interaction.update(renderDecision(id, original, suggestion.questions, { kind, text }));
      return;
    }
    if (!suggestion.candidates.includes(choice)) throw new UserError(USER_ERRORS.unknownFact);
    // Teaching a group takes a moment (each phrasing is checked against a rebuilt brain): acknowledge first.
    await interaction.deferUpdate();
    const outcomes = ctx.teacher.teachMany(suggestion.questions, choice, who);
    const refused = outcomes.filter((o) => !o.ok).map((o) => TEACH_UI.refusedLine(o.message));
    if (outcomes.every((o) => !o.ok)) {
      // Nothing learned: the menu stays, so another fact can be picked.
      await interaction.followUp(renderNotice([TEACH_UI.nothingTaught, ...refused].join('\n')));
      return;
    }
    store.decide(id, 'taught', who.actor, choice);
    const text = [TEACH_UI.decidedTaught(choice, shown), ...refused].join('\n');
    await interaction.editReply(renderDecision(id, original, suggestion.questions, { kind: 'taught', text }));
  },
};

export const selects: readonly SelectHandler[] = [teachSelect];
