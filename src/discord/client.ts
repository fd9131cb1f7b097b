// Builds the discord.js Client: the intents the bot needs, caches capped so memory stays flat however
// many servers it is in (it only needs guilds and channels to reply; members, messages, presences and
// the rest are never read), and partials so direct messages arrive.
import { Client, GatewayIntentBits, Options, Partials, type ClientOptions } from 'discord.js';
import type { Config } from '../config.js';

export interface ClientSettings {
  /** The privileged Message Content intent; off after Discord refuses it (close code 4014). */
  messageContent?: boolean;
  /** Extra client options (tests use this to skip identify throttling). */
  overrides?: Partial<ClientOptions>;
}

export function clientIntents(messageContent: boolean): GatewayIntentBits[] {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
  ];
  if (messageContent) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

const isMe = (holder: { id: string; client: Client }) => holder.id === holder.client.user?.id;

export function createClient(
  config: Config,
  { messageContent = true, overrides = {} }: ClientSettings = {},
): Client {
  return new Client({
    intents: clientIntents(messageContent),
    // DM channels are not in the cache until a message arrives in them.
    partials: [Partials.Channel],
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      // Replies go through the message object we are handed; nothing is read back from caches.
      MessageManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: isMe },
      UserManager: { maxSize: 0, keepOverLimit: isMe },
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      ThreadMemberManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      StageInstanceManager: 0,
      VoiceStateManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
      BaseGuildEmojiManager: 0,
      GuildMessageManager: 0,
      DMMessageManager: 0,
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      // Belt and braces for anything a limit above does not cover.
      messages: { interval: 3_600, lifetime: 1_800 },
      users: { interval: 3_600, filter: () => (user) => !isMe(user) },
    },
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
    ...overrides,
  });
}
