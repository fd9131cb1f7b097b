// Routes every interaction to its command or button handler, from explicit tables, inside ONE error
// boundary: a UserError becomes a short private explanation; anything else is logged with context and
// the user gets a polite private apology.
import { MessageFlags, type Interaction } from 'discord.js';
import type { Logger } from '../log.js';
import { buttons as defaultButtons } from './buttons.js';
import type { ButtonHandler } from './commands/types.js';
import type { Command, CommandContext } from './commands/index.js';
import { NO_MENTIONS } from './render.js';
import { selects as defaultSelects, type SelectHandler } from './teach-menu.js';
import { APOLOGY, USER_ERRORS, UserError } from './text.js';

export interface RouterOptions {
  ctx: CommandContext;
  buttons?: readonly ButtonHandler[];
  selects?: readonly SelectHandler[];
}

function findCommand(commands: readonly Command[], name: string): Command | undefined {
  return commands.find((c) => c.data.name === name);
}

/** What to log about an interaction: enough to find it, nothing private beyond ids. */
function describe(interaction: Interaction): Record<string, unknown> {
  return {
    interactionId: interaction.id,
    type: interaction.type,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    shard: interaction.guild?.shardId,
  };
}

async function route(
  interaction: Interaction,
  ctx: CommandContext,
  buttons: readonly ButtonHandler[],
  selects: readonly SelectHandler[],
): Promise<void> {
  if (interaction.isAutocomplete()) {
    const command = findCommand(ctx.commands, interaction.commandName);
    if (command?.kind === 'slash' && command.autocomplete) await command.autocomplete(interaction, ctx);
    else await interaction.respond([]);
    return;
  }
  if (interaction.isChatInputCommand()) {
    const command = findCommand(ctx.commands, interaction.commandName);
    if (command?.kind !== 'slash') throw new UserError(USER_ERRORS.unknownCommand);
    await command.execute(interaction, ctx);
    return;
  }
  if (interaction.isMessageContextMenuCommand()) {
    const command = findCommand(ctx.commands, interaction.commandName);
    if (command?.kind !== 'message') throw new UserError(USER_ERRORS.unknownCommand);
    await command.execute(interaction, ctx);
    return;
  }
  if (interaction.isButton()) {
    const [prefix, ...args] = interaction.customId.split(':');
    const handler = buttons.find((b) => b.prefix === prefix);
    if (!handler) throw new UserError(USER_ERRORS.unknownButton);
    await handler.execute(interaction, args, ctx);
    return;
  }
  if (interaction.isStringSelectMenu()) {
    const [prefix, ...args] = interaction.customId.split(':');
    const handler = selects.find((s) => s.prefix === prefix);
    if (!handler) throw new UserError(USER_ERRORS.unknownButton);
    await handler.execute(interaction, args, ctx);
  }
}

async function answerPrivately(interaction: Interaction, content: string, logger: Logger): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const payload = { content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS } as const;
    if (interaction.replied || interaction.deferred) await interaction.followUp(payload);
    else await interaction.reply(payload);
  } catch (err) {
    logger.warn({ err, ...describe(interaction) }, 'Could not tell the user about an error');
  }
}

/** Builds the interactionCreate listener. */
export function createRouter({ ctx, buttons = defaultButtons, selects = defaultSelects }: RouterOptions) {
  return async function handleInteraction(interaction: Interaction): Promise<void> {
    try {
      await route(interaction, ctx, buttons, selects);
    } catch (err) {
      if (err instanceof UserError) {
        ctx.logger.debug({ ...describe(interaction), reason: err.message }, 'User error');
        await answerPrivately(interaction, err.message, ctx.logger);
      } else {
        ctx.logger.error({ err, ...describe(interaction) }, 'Interaction failed');
        await answerPrivately(interaction, APOLOGY, ctx.logger);
      }
    }
  };
}
