// /stats (server managers by default): this server's questions over the last 7 days, privately:
// how many, the answer rate, the top questions, the gaps and the most 👎 facts. Scoped to the server
// it is used in, so no server sees what was asked in another.
import { ApplicationCommandType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { disabledQuestionLog } from '../../analytics/index.js';
import { STATS_ROWS, renderFeedbackNotice, renderStats } from '../render-feedback.js';
import { FEEDBACK_TEXT, langOf } from '../text.js';
import { es } from './locales.js';
import type { SlashCommand } from './types.js';

export const STATS_DAYS = 7;

export const stats = {
  kind: 'slash',
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'stats',
    name_localizations: es('estadisticas'),
    description: 'Questions asked in this server in the last 7 days (managers only)',
    description_localizations: es('Preguntas hechas en este servidor en los últimos 7 días (solo gestores)'),
    // A default: server admins can grant it to other roles in Server Settings > Integrations.
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
    contexts: [InteractionContextType.Guild],
  },
  async execute(interaction, { questionLog = disabledQuestionLog }) {
    const lang = langOf(interaction.locale);
    if (!questionLog.enabled) {
      await interaction.reply(renderFeedbackNotice(FEEDBACK_TEXT.statsOff[lang]));
      return;
    }
    if (!interaction.inGuild()) {
      await interaction.reply(renderFeedbackNotice(FEEDBACK_TEXT.statsGuildOnly[lang]));
      return;
    }
    const report = questionLog.report({ days: STATS_DAYS, guildId: interaction.guildId, limit: STATS_ROWS });
    await interaction.reply(
      report ? renderStats(report, lang) : renderFeedbackNotice(FEEDBACK_TEXT.statsUnreadable[lang]),
    );
  },
} as const satisfies SlashCommand;
