// /settings (Manage Server by default, checked again here): a server's own settings, stored per server
// in the database (src/settings/store.ts) over the bot-wide defaults from the environment.
//   /settings view                                    what is in effect, and which are this server's own
//   /settings answer-channel action:add|remove channel:#c   channels where the bot answers unasked
//   /settings staff-channel [channel:#c]              where 👎 votes go (no channel: back to the default)
//   /settings language value:auto|en|es               the server's language for ties
//   /settings threads value:true|false                also answer unasked in threads of answer channels
//   /settings confidence value:0.55..1                how sure the bot must be to speak unasked
//   /settings reset                                   everything back to the defaults
// Every reply is private. A change is saved before the reply says so; it applies to the next message.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandChannelOption,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { Lang } from '../../answer/types.js';
import {
  MAX_ANSWER_CHANNELS,
  MIN_CHANNEL_CONFIDENCE,
  type GuildSettings,
  type ServerSettings,
  type SettingName,
  type SettingsChange,
} from '../../settings/store.js';
import { renderNotice } from '../render.js';
import { UserError, langOf } from '../text.js';
import { es } from './locales.js';
import type { SlashCommand } from './types.js';

export const SETTINGS_TEXT = {
  title: { en: 'Settings of this server', es: 'Ajustes de este servidor' },
  answerChannels: {
    en: 'Answer channels (answers unasked)',
    es: 'Canales de respuesta (responde sin que le pregunten)',
  },
  staffChannel: { en: 'Staff channel (👎 reports)', es: 'Canal del equipo (avisos de 👎)' },
  language: { en: 'Language for ties', es: 'Idioma en caso de duda' },
  threads: { en: 'Also in threads of answer channels', es: 'También en hilos de los canales de respuesta' },
  confidence: { en: 'Confidence to speak unasked', es: 'Confianza para hablar sin que le pregunten' },
  none: { en: 'none', es: 'ninguno' },
  auto: {
    en: "auto (the question's words, then the user's language)",
    es: 'automático (las palabras de la pregunta, luego el idioma del usuario)',
  },
  yes: { en: 'yes', es: 'sí' },
  no: { en: 'no', es: 'no' },
  own: { en: 'set here', es: 'propio' },
  byDefault: { en: 'default', es: 'predeterminado' },
  saved: {
    en: 'Saved. It applies from the next message.',
    es: 'Guardado. Se aplica desde el próximo mensaje.',
  },
  resetDone: {
    en: 'Every setting of this server is back to the default.',
    es: 'Todos los ajustes de este servidor volvieron a los predeterminados.',
  },
  guildOnly: {
    en: '`/settings` changes the settings of one server, so it only works inside a server.',
    es: '`/settings` cambia los ajustes de un servidor, así que solo funciona dentro de uno.',
  },
  needsManageServer: {
    en: 'Only members with the Manage Server permission can see or change these settings.',
    es: 'Solo los miembros con el permiso Gestionar servidor pueden ver o cambiar estos ajustes.',
  },
  notTextChannel: {
    en: 'Pick a text channel of this server.',
    es: 'Elige un canal de texto de este servidor.',
  },
  tooManyChannels: {
    en: `A server can have at most ${MAX_ANSWER_CHANNELS} answer channels. Remove one first.`,
    es: `Un servidor puede tener como mucho ${MAX_ANSWER_CHANNELS} canales de respuesta. Quita uno primero.`,
  },
  badConfidence: {
    en: `The confidence must be a number from ${MIN_CHANNEL_CONFIDENCE} to 1, such as 0.8.`,
    es: `La confianza debe ser un número de ${MIN_CHANNEL_CONFIDENCE} a 1, por ejemplo 0.8.`,
  },
  unknownChoice: {
    en: 'I do not know that choice. Pick one from the list.',
    es: 'No conozco esa opción. Elige una de la lista.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

const T = SETTINGS_TEXT;
const TEXT_CHANNELS: readonly ChannelType[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

/** The settings as one private message: each value, marked as this server's own or the default. */
export function renderSettings(settings: ServerSettings, own: Set<SettingName>, lang: Lang): string {
  const tag = (name: SettingName) => `_(${own.has(name) ? T.own[lang] : T.byDefault[lang]})_`;
  const channels = settings.answerChannelIds.map((id) => `<#${id}>`).join(', ') || T.none[lang];
  const staff = settings.staffChannelId ? `<#${settings.staffChannelId}>` : T.none[lang];
  const language = settings.lang ?? T.auto[lang];
  return [
    `**${T.title[lang]}**`,
    `- ${T.answerChannels[lang]}: ${channels} ${tag('answerChannelIds')}`,
    `- ${T.staffChannel[lang]}: ${staff} ${tag('staffChannelId')}`,
    `- ${T.language[lang]}: ${language} ${tag('lang')}`,
    `- ${T.threads[lang]}: ${settings.answerInThreads ? T.yes[lang] : T.no[lang]} ${tag('answerInThreads')}`,
    `- ${T.confidence[lang]}: ${settings.channelConfidence} ${tag('channelConfidence')}`,
  ].join('\n');
}

function channelOption(
  required: boolean,
  description: string,
  descriptionEs: string,
): APIApplicationCommandChannelOption {
  return {
    type: ApplicationCommandOptionType.Channel,
    name: 'channel',
    name_localizations: es('canal'),
    description,
    description_localizations: es(descriptionEs),
    channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    required,
  };
}

/** The channel id an option names, checked to be a text channel of this server when the server is cached. */
function pickedChannel(interaction: ChatInputCommandInteraction, lang: Lang): string | null {
  const option = interaction.options.get('channel');
  if (!option) return null;
  const id = String(option.value ?? '');
  if (!/^\d{17,20}$/.test(id)) throw new UserError(T.notTextChannel[lang]);
  const known = interaction.guild?.channels.cache.get(id);
  const type = option.channel?.type ?? known?.type;
  if (interaction.guild && !known) throw new UserError(T.notTextChannel[lang]);
  if (type !== undefined && !TEXT_CHANNELS.includes(type)) throw new UserError(T.notTextChannel[lang]);
  return id;
}

/** The change a subcommand asks for; throws a UserError for input that cannot be a setting. */
function changeFor(
  interaction: ChatInputCommandInteraction,
  current: ServerSettings,
  lang: Lang,
): SettingsChange | 'reset' | 'view' {
  const sub = interaction.options.getSubcommand(true);
  switch (sub) {
    case 'view':
      return 'view';
    case 'reset':
      return 'reset';
    case 'answer-channel': {
      const action = interaction.options.getString('action', true);
      const id = pickedChannel(interaction, lang);
      if (!id) throw new UserError(T.notTextChannel[lang]);
      const list = current.answerChannelIds.filter((c) => c !== id);
      if (action === 'remove') return { answerChannelIds: list };
      if (action !== 'add') throw new UserError(T.unknownChoice[lang]);
      if (list.length >= MAX_ANSWER_CHANNELS) throw new UserError(T.tooManyChannels[lang]);
      return { answerChannelIds: [...list, id] };
    }
    case 'staff-channel':
      return { staffChannelId: pickedChannel(interaction, lang) };
    case 'language': {
      const value = interaction.options.getString('value', true);
      if (value === 'auto') return { lang: null };
      if (value === 'en' || value === 'es') return { lang: value };
      throw new UserError(T.unknownChoice[lang]);
    }
    case 'threads':
      return { answerInThreads: interaction.options.getBoolean('value', true) };
    case 'confidence': {
      const value = interaction.options.getNumber('value', true);
      if (!Number.isFinite(value) || value < MIN_CHANNEL_CONFIDENCE || value > 1)
        throw new UserError(T.badConfidence[lang]);
      return { channelConfidence: Math.round(value * 100) / 100 };
    }
    default:
      throw new UserError(T.unknownChoice[lang]);
  }
}

function runSettings(interaction: ChatInputCommandInteraction, settings: GuildSettings): string {
  const lang = langOf(interaction.locale);
  if (!interaction.inGuild()) throw new UserError(T.guildOnly[lang]);
  // Discord hides the command from members without Manage Server by default, but server admins can
  // change who sees it: the permission is checked here too, on what Discord says this member has.
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))
    throw new UserError(T.needsManageServer[lang]);
  const { guildId } = interaction;
  const change = changeFor(interaction, settings.for(guildId), lang);
  if (change === 'reset') {
    settings.forget(guildId);
    return `${T.resetDone[lang]}\n\n${renderSettings(settings.for(guildId), new Set(), lang)}`;
  }
  if (change !== 'view') settings.update(guildId, change);
  const shown = renderSettings(settings.for(guildId), settings.changed(guildId), lang);
  return change === 'view' ? shown : `${T.saved[lang]}\n\n${shown}`;
}

export const settingsCommand = {
  kind: 'slash',
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'settings',
    name_localizations: es('ajustes'),
    description: "This server's settings for the bot (managers only)",
    description_localizations: es('Los ajustes del bot en este servidor (solo gestores)'),
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'view',
        name_localizations: es('ver'),
        description: 'Show the settings in effect in this server',
        description_localizations: es('Muestra los ajustes vigentes en este servidor'),
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'answer-channel',
        name_localizations: es('canal-respuestas'),
        description: 'Add or remove a channel where the bot answers confident questions unasked',
        description_localizations: es('Añade o quita un canal donde el bot responde sin que le pregunten'),
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'action',
            name_localizations: es('accion'),
            description: 'Add or remove',
            description_localizations: es('Añadir o quitar'),
            required: true,
            choices: [
              { name: 'add', name_localizations: es('añadir'), value: 'add' },
              { name: 'remove', name_localizations: es('quitar'), value: 'remove' },
            ],
          },
          channelOption(true, 'The channel', 'El canal'),
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'staff-channel',
        name_localizations: es('canal-equipo'),
        description: 'Where 👎 votes are reported (leave empty for the default)',
        description_localizations: es('Dónde se avisan los votos 👎 (vacío: el predeterminado)'),
        options: [channelOption(false, 'The staff channel', 'El canal del equipo')],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'language',
        name_localizations: es('idioma'),
        description: 'The language to prefer when a question could be either',
        description_localizations: es('El idioma preferido cuando una pregunta podría ser de ambos'),
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'value',
            name_localizations: es('valor'),
            description: 'auto, English or Spanish',
            description_localizations: es('automático, inglés o español'),
            required: true,
            choices: [
              { name: 'auto', name_localizations: es('automático'), value: 'auto' },
              { name: 'English', name_localizations: es('inglés'), value: 'en' },
              { name: 'Spanish', name_localizations: es('español'), value: 'es' },
            ],
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'threads',
        name_localizations: es('hilos'),
        description: 'Also answer unasked in threads of the answer channels',
        description_localizations: es('Responder también en hilos de los canales de respuesta'),
        options: [
          {
            type: ApplicationCommandOptionType.Boolean,
            name: 'value',
            name_localizations: es('valor'),
            description: 'On or off',
            description_localizations: es('Sí o no'),
            required: true,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'confidence',
        name_localizations: es('confianza'),
        description: 'How sure the bot must be to answer unasked (0.55 to 1)',
        description_localizations: es('Qué tan seguro debe estar el bot para responder sin que le pregunten'),
        options: [
          {
            type: ApplicationCommandOptionType.Number,
            name: 'value',
            name_localizations: es('valor'),
            description: 'From 0.55 (answers more) to 1 (only exact matches)',
            description_localizations: es('De 0.55 (responde más) a 1 (solo coincidencias exactas)'),
            required: true,
            min_value: MIN_CHANNEL_CONFIDENCE,
            max_value: 1,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'reset',
        name_localizations: es('restablecer'),
        description: 'Put every setting of this server back to the default',
        description_localizations: es('Vuelve todos los ajustes de este servidor a los predeterminados'),
      },
    ],
  },
  async execute(interaction, { settings }) {
    await interaction.reply(renderNotice(runSettings(interaction, settings)));
  },
} as const satisfies SlashCommand;
