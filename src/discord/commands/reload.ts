// /reload: reloads the knowledge base from disk (for moderators after editing knowledge/). Only members
// with Manage Server see it by default (server admins can change that in Integrations). A bad edit
// leaves the previous knowledge base serving and says what is wrong.
import { ApplicationCommandType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { renderNotice } from '../render.js';
import { USER_ERRORS, UserError } from '../text.js';
import { es } from './locales.js';
import type { SlashCommand } from './types.js';

export const RELOAD_TEXT = {
  ok: (facts: number, ms: number) => `Knowledge base reloaded: ${facts} facts in ${ms} ms.`,
  failed: (problems: string[]) =>
    `The knowledge base was NOT reloaded; the previous one is still answering. Problems:\n${problems
      .slice(0, 10)
      .map((p) => `- ${p}`)
      .join('\n')}`,
} as const;

export const reload = {
  kind: 'slash',
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'reload',
    description: 'Reload the knowledge base from disk (moderators)',
    name_localizations: es('recargar'),
    description_localizations: es('Recargar la base de conocimiento desde el disco (moderadores)'),
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
  },
  async execute(interaction, { reload: reloadKnowledge }) {
    if (!reloadKnowledge) throw new UserError(USER_ERRORS.cannotReload);
    const result = reloadKnowledge(`/reload by ${interaction.user.id}`);
    const text = result.ok ? RELOAD_TEXT.ok(result.facts, result.ms) : RELOAD_TEXT.failed(result.problems);
    await interaction.reply(renderNotice(text));
  },
} as const satisfies SlashCommand;
