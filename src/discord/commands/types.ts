// What a command module provides: its definition (sent as-is to Discord), and its handlers.
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { ReloadResult } from '../../answer/reloadable.js';
import type { QuestionLog } from '../../analytics/index.js';
import type { Brain } from '../../answer/types.js';
import type { Logger } from '../../log.js';
import type { GuildSettings } from '../../settings/store.js';
import type { Teacher } from '../../teach/index.js';
import type { Cooldowns } from '../cooldown.js';
import type { StaffChannelFor } from '../staff.js';

export interface CommandContext {
  brain: Brain;
  logger: Logger;
  /** The registered commands, for /help. */
  commands: readonly Command[];
  /** Flood control for questions (/ask); none means no limit. */
  cooldown?: Cooldowns;
  /** /ask defers when its answer is not ready after this many ms (0: always defer). */
  deferAfterMs?: number;
  /** Reloads the knowledge base (/reload); absent when the brain is not reloadable. */
  reload?: (trigger: string) => ReloadResult;
  /** Where answered questions and votes go; absent or disabled when ANALYTICS=off. */
  questionLog?: QuestionLog;
  /** Each server's settings (/settings): answer channels, staff channel for 👎 votes, language, etc. */
  settings: GuildSettings;
  /** Adds and removes learned phrasings (/teach, suggestion menus); absent without a database. */
  teacher?: Teacher | undefined;
  /** The staff channel of a server (teaching suggestions). */
  staffChannelFor?: StaffChannelFor;
}

export interface SlashCommand {
  kind: 'slash';
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
}

export interface MessageCommand {
  kind: 'message';
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  /** Shown by /help: context-menu commands have no description of their own. */
  description: string;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: CommandContext): Promise<void>;
}

export type Command = SlashCommand | MessageCommand;

/** A kind of button, dispatched by the prefix of its custom id (src/discord/buttons.ts). */
export interface ButtonHandler {
  prefix: string;
  /** `args` are the custom id's parts after the prefix. */
  execute(interaction: ButtonInteraction, args: string[], ctx: CommandContext): Promise<void>;
}
