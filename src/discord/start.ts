// Starts the Discord transport: logs in, wires the router and the message handler, logs a health line
// at ready, recovers from a refused privileged intent, fails clearly on a bad token, and shuts down
// gracefully (replies in flight finish first).
import { performance } from 'node:perf_hooks';
import { Events, Status, type Client, type ClientOptions } from 'discord.js';
import type { ReloadResult } from '../answer/reloadable.js';
import type { QuestionLog } from '../analytics/index.js';
import type { Brain } from '../answer/types.js';
import type { Config } from '../config.js';
import { metricEvents } from '../health/events.js';
import { registerSecret, type Logger } from '../log.js';
import { STARTUP_ERRORS, StartupError } from '../startup-errors.js';
import { createClient } from './client.js';
import { createCommands } from './commands/index.js';
import { Cooldowns } from './cooldown.js';
import { createMessageHandler } from './messages.js';
import { createRouter } from './router.js';
import { defaultSettings, memoryGuildSettings, type GuildSettings } from '../settings/store.js';
import type { StaffChannelFor } from './staff.js';
import { scheduleSuggestions, type SuggestionRoundOptions } from './teach-menu.js';
import type { Teacher } from '../teach/index.js';

export { STARTUP_ERRORS, StartupError };

export const DISALLOWED_INTENTS_WARNING =
  'Discord refused the Message Content intent (close code 4014): it is privileged and not enabled for this application. ' +
  'Logging in again without it. Slash commands, mentions and direct messages still work; plain messages in ' +
  'ANSWER_CHANNEL_IDS will not be answered. To enable it: developer portal > Bot > Privileged Gateway Intents > Message Content.';

class DisallowedIntents extends Error {}

export interface DiscordBot {
  client: Client;
  /** False when Discord refused the privileged Message Content intent. */
  messageContent: boolean;
  /** Stops taking new work, waits for replies in flight (up to the grace period), destroys the client. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Merged into the client options (tests skip identify throttling with this). */
  clientOverrides?: Partial<ClientOptions>;
  /** Install SIGINT/SIGTERM handlers that stop the bot and exit 0 (default true). */
  handleSignals?: boolean;
  /** How long shutdown waits for replies in flight. */
  graceMs?: number;
  exit?: (code: number) => void;
  /** Flood control shared by messages and /ask (default: COOLDOWN_DEFAULTS; false: none). */
  cooldown?: Cooldowns | false;
  /** /ask defers when its answer is not ready after this many ms. */
  deferAfterMs?: number;
  /** Reloads the knowledge base, for /reload. */
  reload?: (trigger: string) => ReloadResult;
  /** Where answered questions and votes are recorded (opened and closed by the caller); none by default. */
  questionLog?: QuestionLog;
  /** Each server's settings (opened and closed by the caller); by default in memory over the environment. */
  settings?: GuildSettings;
  /** Learned phrasings (/teach and the staff channel's suggestion menus); none without a database. */
  teacher?: Teacher;
  /** Teaching suggestions posted to staff channels (false: none). */
  suggestions?: SuggestionRoundOptions | false;
  /** The staff channel of a server; by default the one its settings name (FEEDBACK_CHANNEL_ID unless changed). */
  staffChannelFor?: StaffChannelFor;
}

const AUTH_FAILED = 4004;
const DISALLOWED = 4014;

function classify(err: unknown, closeCode: number | undefined): unknown {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'TokenInvalid' || closeCode === AUTH_FAILED || message === 'Authentication failed') {
    return new StartupError(STARTUP_ERRORS.badToken);
  }
  if (closeCode === DISALLOWED || message === 'Used disallowed intents')
    return new DisallowedIntents(message);
  return err;
}

/** True while every shard of this client holds a ready gateway session (false while one reconnects). */
export function gatewayReady(client: Client): boolean {
  return client.isReady() && [...client.ws.shards.values()].every((shard) => shard.status === Status.Ready);
}

function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

export async function startDiscord(
  config: Config,
  brain: Brain,
  logger: Logger,
  options: StartOptions = {},
): Promise<DiscordBot> {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new StartupError(STARTUP_ERRORS.noToken);
  registerSecret(token);
  const {
    clientOverrides = {},
    handleSignals = true,
    graceMs = 10_000,
    exit = (code) => process.exit(code),
    deferAfterMs,
    reload,
  } = options;
  const cooldown = options.cooldown === false ? undefined : (options.cooldown ?? new Cooldowns());

  const startedAt = performance.now();
  const inflight = new Set<Promise<void>>();
  let closing = false;
  const track = (handling: Promise<void>) => {
    // Handlers catch their own errors; this is the last net, so one failure never becomes a crash.
    const work = handling.catch((err: unknown) => logger.error({ err }, 'Unhandled error in a handler'));
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  };
  const { questionLog, teacher } = options;
  // Without a database of settings (tests), a private in-memory one over the environment's defaults.
  const ownSettings = options.settings ? undefined : memoryGuildSettings(defaultSettings(config));
  const settings = options.settings ?? ownSettings!;
  const staffChannelFor: StaffChannelFor =
    options.staffChannelFor ?? ((guildId) => settings.staffChannelFor(guildId));
  // The commands as registered (worded by the knowledge base's persona at start-up).
  const commands = createCommands(brain.persona);
  const route = createRouter({
    ctx: {
      brain,
      logger,
      commands,
      questionLog,
      settings,
      cooldown,
      deferAfterMs,
      reload,
      teacher,
      staffChannelFor,
    },
  });
  let stopSuggestions = () => {};
  const onMessage = createMessageHandler({ brain, logger, settings, questionLog, cooldown });

  async function connect(messageContent: boolean): Promise<Client> {
    const client = createClient(config, { messageContent, overrides: clientOverrides });
    let closeCode: number | undefined;
    client.on(Events.ShardDisconnect, (event, shardId) => {
      closeCode = event.code;
      logger.warn({ shard: shardId, code: event.code }, 'Gateway connection closed for good');
    });
    client.on(Events.ShardReconnecting, (shardId) => {
      // Destroying the client on shutdown closes the socket too; that is not a reconnect.
      if (closing) return;
      logger.info({ shard: shardId }, 'Gateway reconnecting');
      metricEvents.reconnect();
    });
    client.on(Events.ShardResume, (shardId, replayed) =>
      logger.info({ shard: shardId, replayed }, 'Gateway resumed'),
    );
    client.on(Events.ShardError, (err, shardId) => logger.warn({ err, shard: shardId }, 'Gateway error'));
    client.on(Events.Error, (err) => logger.error({ err }, 'Client error'));
    if (logger.isLevelEnabled('trace')) {
      // discord.js' own chatter (gateway frames, REST routes); the logger scrubs the token from it.
      client.on(Events.Debug, (info) => logger.trace({ source: 'discord.js' }, info));
      client.rest.on('restDebug', (info) => logger.trace({ source: '@discordjs/rest' }, info));
    }
    // The bot left the server (kicked, or the server was deleted; an outage is GuildUnavailable instead):
    // its settings go with it.
    client.on(Events.GuildDelete, (guild) => {
      try {
        if (settings.forget(guild.id))
          logger.info({ guildId: guild.id }, 'Left a server; its settings are deleted');
      } catch (err) {
        logger.error({ err, guildId: guild.id }, 'Could not delete the settings of a server the bot left');
      }
    });
    client.on(Events.InteractionCreate, (interaction) => {
      if (!closing) track(route(interaction));
    });
    client.on(Events.MessageCreate, (message) => {
      if (!closing) track(onMessage(message));
    });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    try {
      await client.login(token);
    } catch (err) {
      await client.destroy();
      throw classify(err, closeCode);
    }
    await ready;
    logger.info(
      {
        servers: client.guilds.cache.size,
        shards: [...client.ws.shards.keys()],
        shardCount: client.options.shardCount,
        facts: brain.factCount,
        commands: commands.length,
        messageContent,
        readyMs: Math.round(performance.now() - startedAt),
        rssMb: Math.round(process.memoryUsage().rss / 1e5) / 10,
      },
      'Discord ready',
    );
    return client;
  }

  let client: Client;
  let messageContent = true;
  try {
    try {
      client = await connect(true);
    } catch (err) {
      if (!(err instanceof DisallowedIntents)) throw err;
      logger.warn(DISALLOWED_INTENTS_WARNING);
      messageContent = false;
      try {
        client = await connect(false);
      } catch (again) {
        // Refused again without the only privileged intent asked for: nothing left to drop.
        throw again instanceof DisallowedIntents ? new StartupError(STARTUP_ERRORS.disallowedIntents) : again;
      }
      // Under start:sharded, discord.js ties the "shard ready" message to the first client of the process,
      // which was destroyed; tell the ShardingManager ourselves so it does not time out.
      if (process.env.SHARDING_MANAGER && process.send) process.send({ _ready: true });
    }
  } catch (err) {
    ownSettings?.close();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal, inflight: inflight.size }, 'Shutting down');
    bot.stop().then(
      () => exit(0),
      (err: unknown) => {
        logger.error({ err }, 'Shutdown failed');
        exit(1);
      },
    );
  };
  const bot: DiscordBot = {
    client,
    messageContent,
    stop() {
      stopping ??= (async () => {
        closing = true;
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        stopSuggestions();
        await waitAtMost(Promise.allSettled([...inflight]), graceMs);
        await client.destroy();
        ownSettings?.close();
      })();
      return stopping;
    },
  };
  // Suggestions need the question log (what was asked) and somewhere to learn (the teacher).
  if (teacher && questionLog?.enabled && options.suggestions !== false)
    stopSuggestions = scheduleSuggestions(
      client,
      { teacher, brain, staffChannelFor, logger },
      options.suggestions ?? {},
    );
  if (handleSignals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return bot;
}
