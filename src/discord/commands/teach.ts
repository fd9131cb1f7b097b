// /teach add question:<text> fact:<autocomplete> and /teach undo [question:<autocomplete>]: moderators
// teach the bot another way of asking an existing fact, or take one back. Shown by default only to
// members with Manage Server, and checked again here on the server side, since server admins can
// change who sees a command. Every change is logged with who made it (src/teach/).
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { LIMITS } from '../../knowledge/schema.js';
import type { ActorInfo } from '../../teach/index.js';
import { DISCORD_LIMITS, renderNotice, truncate } from '../render.js';
import { TEACH_UI, UserError } from '../text.js';
import { es } from './locales.js';
import type { CommandContext, SlashCommand } from './types.js';

/** Who is acting, for the teaching log: the Discord id (moderators are accountable) and the name shown. */
export function actorOf(
  interaction: { user: { id: string; username: string }; guildId: string | null },
  via: ActorInfo['via'],
): ActorInfo {
  return {
    actor: `discord:${interaction.user.id} (${interaction.user.username})`,
    guildId: interaction.guildId,
    via,
  };
}

/** The server-side check: in a server, with Manage Server. Throws a UserError otherwise. */
export function requireManager(interaction: {
  inGuild(): boolean;
  memberPermissions: { has(p: bigint): boolean } | null;
}): void {
  if (!interaction.inGuild()) throw new UserError(TEACH_UI.guildOnly);
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))
    throw new UserError(TEACH_UI.managersOnly);
}

function teacherOf(ctx: CommandContext) {
  if (!ctx.teacher) throw new UserError(TEACH_UI.unavailable);
  return ctx.teacher;
}

async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  requireManager(interaction);
  const teacher = teacherOf(ctx);
  const sub = interaction.options.getSubcommand(true);
  const outcome =
    sub === 'add'
      ? teacher.teach(
          interaction.options.getString('question', true),
          interaction.options.getString('fact', true),
          actorOf(interaction, 'command'),
        )
      : teacher.undo(interaction.options.getString('question') ?? undefined, actorOf(interaction, 'command'));
  await interaction.reply(renderNotice(outcome.message));
}

export const teach = {
  kind: 'slash',
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'teach',
    name_localizations: es('ensenar'),
    description: 'Teach the bot another way of asking a fact it knows (managers only)',
    description_localizations: es('Enseña al bot otra forma de preguntar un dato que conoce (solo gestores)'),
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        name_localizations: es('agregar'),
        description: 'Answer this question with that fact from now on',
        description_localizations: es('Responder esta pregunta con ese dato desde ahora'),
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'question',
            name_localizations: es('pregunta'),
            description: 'The question as people ask it',
            description_localizations: es('La pregunta como la hace la gente'),
            required: true,
            max_length: LIMITS.phrasing,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'fact',
            name_localizations: es('dato'),
            description: 'The fact that answers it',
            description_localizations: es('El dato que la responde'),
            required: true,
            autocomplete: true,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'undo',
        name_localizations: es('deshacer'),
        description: 'Take back a learned phrasing (your last one if none is given)',
        description_localizations: es('Quitar una forma aprendida (la última tuya si no indicas ninguna)'),
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'question',
            name_localizations: es('pregunta'),
            description: 'The learned phrasing to remove',
            description_localizations: es('La forma aprendida que quitar'),
            required: false,
            autocomplete: true,
          },
        ],
      },
    ],
  },
  execute,
  async autocomplete(interaction, ctx) {
    // Learned phrasings are questions people typed: only those who may teach see them.
    if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      await interaction.respond([]);
      return;
    }
    const focused = interaction.options.getFocused(true);
    const typed = String(focused.value).toLowerCase().trim();
    const choices =
      focused.name === 'fact'
        ? ctx.brain
            .facts()
            .filter((f) => !typed || f.id.includes(typed) || f.question.toLowerCase().includes(typed))
            .map((f) => ({
              name: truncate(`${f.id}: ${f.question}`, DISCORD_LIMITS.choiceName),
              value: f.id,
            }))
        : (ctx.teacher?.list() ?? [])
            .filter((r) => !typed || r.phrasing.toLowerCase().includes(typed))
            .reverse()
            .map((r) => ({
              name: truncate(`${r.phrasing} -> ${r.factId}`, DISCORD_LIMITS.choiceName),
              value: truncate(r.phrasing, DISCORD_LIMITS.choiceValue),
            }));
    await interaction.respond(choices.slice(0, DISCORD_LIMITS.choices));
  },
} as const satisfies SlashCommand;
