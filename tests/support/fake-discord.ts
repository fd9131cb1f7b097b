// A small fake Discord for offline tests and demos: the REST API over node:http and the gateway over
// `ws`, both on 127.0.0.1 with a port chosen by the system. It records every request the bot sends,
// speaks enough of the gateway (HELLO, heartbeats, IDENTIFY -> READY + GUILD_CREATE, RESUME) for the
// real discord.js client, builds complete interaction and message payloads, and injects faults.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionContextType,
  InteractionType,
  MessageType,
  type APIApplicationCommandInteractionDataOption,
  type ApplicationFlags,
  type ChannelFlags,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  type RoleFlags,
  type APIChannel,
  type APIGuildMember,
  type APIInteraction,
  type APIMessage,
  type APIUser,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
  type RESTGetAPIGatewayBotResult,
} from 'discord-api-types/v10';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export const FAKE_APP_ID = '1100000000000000001';
export const FAKE_BOT: APIUser = {
  id: FAKE_APP_ID,
  username: 'alliances-bot',
  discriminator: '0000',
  global_name: null,
  avatar: null,
  bot: true,
};
export const FAKE_USER: APIUser = {
  id: '1100000000000000100',
  username: 'maria',
  discriminator: '0',
  global_name: 'María',
  avatar: null,
};
export const OTHER_BOT: APIUser = {
  ...FAKE_USER,
  id: '1100000000000000200',
  username: 'otherbot',
  bot: true,
};

const ALL_PERMISSIONS = '2251799813685247';
const GUILD_BASE = 1_200_000_000_000_000_000n;
const SNOWFLAKE_BASE = 1_300_000_000_000_000_000n;

export interface FakeDiscordOptions {
  guilds?: number;
  /** Recommended shard count reported by GET /gateway/bot. */
  shards?: number;
  channelsPerGuild?: number;
  membersPerGuild?: number;
  /** Tokens the fake refuses: 401 on REST and close code 4004 on IDENTIFY. */
  rejectTokens?: string[];
  /** Tokens refused only by the gateway (close code 4004), as when a token is revoked after GET /gateway/bot. */
  gatewayRejectTokens?: string[];
  /** When false, an IDENTIFY asking for Message Content is closed with 4014. */
  allowMessageContent?: boolean;
  /** IDENTIFYs asking for any of these intents are closed with 4014 (besides Message Content above). */
  disallowedIntents?: number;
  maxConcurrency?: number;
  /** Port for the HTTP server (0: any free port). */
  port?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. /interactions/123/tok/callback. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  // Whatever JSON the bot sent; tests read it like Discord would.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  status: number;
  /** A repeated POST with an enforced nonce: Discord returned the existing message. */
  duplicate?: boolean;
  /** What the fake answered (the created message, for a POST to a channel). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  response?: any;
}

export interface Identify {
  token: string;
  intents: number;
  shard: [number, number];
}

interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  socket: WebSocket | null;
}

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  remaining: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly identifies: Identify[] = [];
  readonly resumes: { sessionId: string; seq: number }[] = [];
  readonly guildIds: string[];
  private readonly opts: Required<Omit<FakeDiscordOptions, 'port'>>;
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  private readonly sessions = new Map<string, Session>();
  private readonly faults: Fault[] = [];
  /** Called with each request once the fake has answered it (benchmarks time replies with this). */
  onAnswered: ((request: RecordedRequest) => void) | undefined;
  /** Messages created with enforce_nonce, by channel and nonce, as Discord dedupes them. */
  private readonly nonces = new Map<string, APIMessage>();
  private readonly acknowledged = new Set<string>();
  private readonly resets: { method: string; path: RegExp; after: boolean; remaining: number }[] = [];
  private counter = 0n;
  private port = 0;

  private constructor(options: FakeDiscordOptions) {
    this.opts = {
      guilds: 1,
      shards: 1,
      channelsPerGuild: 3,
      membersPerGuild: 5,
      rejectTokens: [],
      gatewayRejectTokens: [],
      allowMessageContent: true,
      disallowedIntents: 0,
      maxConcurrency: 1,
      ...options,
    };
    this.guildIds = Array.from({ length: this.opts.guilds }, (_, i) =>
      (GUILD_BASE + (BigInt(i) << 22n)).toString(),
    );
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.wss.on('connection', (ws) => this.onGateway(ws));
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.server.listen(options.port ?? 0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The value for DISCORD_API_URL / `rest.api`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Open gateway connections plus open HTTP sockets. */
  openConnections(): number {
    return this.wss.clients.size + this.sockets.size;
  }

  gatewayConnections(): number {
    return this.wss.clients.size;
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    // 'close' events on sockets fire on the next ticks.
    for (let i = 0; i < 20 && this.sockets.size; i++) await sleep(5);
  }

  // --- ids and payload builders -------------------------------------------------------------

  snowflake(): string {
    this.counter += 1n;
    return (SNOWFLAKE_BASE + (this.counter << 22n)).toString();
  }

  channelId(guildIndex = 0, channelIndex = 0): string {
    const guild = BigInt(this.guildIds[guildIndex] ?? this.guildIds[0]!);
    return (guild + BigInt(channelIndex + 1)).toString();
  }

  shardOf(guildId: string | undefined, count = this.opts.shards): number {
    return guildId ? Number((BigInt(guildId) >> 22n) % BigInt(count)) : 0;
  }

  guildCreate(guildId: string, index: number): GatewayGuildCreateDispatchData {
    const channels: APIChannel[] = Array.from({ length: this.opts.channelsPerGuild }, (_, c) => ({
      id: (BigInt(guildId) + BigInt(c + 1)).toString(),
      type: ChannelType.GuildText,
      guild_id: guildId,
      name: `channel-${c}`,
      position: c,
      permission_overwrites: [],
      nsfw: false,
      topic: null,
      last_message_id: null,
      parent_id: null,
      rate_limit_per_user: 0,
      flags: 0 as ChannelFlags,
    }));
    const members: APIGuildMember[] = Array.from({ length: this.opts.membersPerGuild }, (_, m) => ({
      user: {
        id: (BigInt(guildId) + 1000n + BigInt(m)).toString(),
        username: `member-${m}`,
        discriminator: '0',
        global_name: null,
        avatar: null,
      },
      roles: [],
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
    }));
    members.push({
      user: FAKE_BOT,
      roles: [],
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
    });
    return {
      id: guildId,
      name: `Guild ${index}`,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: FAKE_USER.id,
      region: 'us-central',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: guildId,
          name: '@everyone',
          color: 0,
          colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
          hoist: false,
          icon: null,
          unicode_emoji: null,
          position: 0,
          permissions: ALL_PERMISSIONS,
          managed: false,
          mentionable: false,
          flags: 0 as RoleFlags,
        },
      ],
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      stickers: [],
      hub_type: null,
      incidents_data: null,
      joined_at: '2024-01-01T00:00:00.000Z',
      large: false,
      unavailable: false,
      member_count: members.length,
      voice_states: [],
      members,
      channels,
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    } as GatewayGuildCreateDispatchData;
  }

  message(init: {
    content: string;
    channelId?: string;
    guildId?: string | null;
    author?: APIUser;
    mentions?: APIUser[];
    /** The id of the message this one replies to. */
    replyTo?: string;
  }): APIMessage & {
    guild_id?: string;
    channel_type?: ChannelType;
  } {
    const guildId = init.guildId === null ? undefined : (init.guildId ?? this.guildIds[0]);
    return {
      id: this.snowflake(),
      channel_id: init.channelId ?? (guildId ? this.channelId() : '1100000000000000900'),
      ...(guildId ? { guild_id: guildId } : {}),
      // Discord says which kind of channel a MESSAGE_CREATE came from; discord.js needs it for DMs.
      channel_type: guildId ? ChannelType.GuildText : ChannelType.DM,
      author: init.author ?? FAKE_USER,
      content: init.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: init.mentions ?? [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: init.replyTo ? MessageType.Reply : MessageType.Default,
      components: [],
      ...(init.replyTo
        ? {
            message_reference: {
              message_id: init.replyTo,
              channel_id: init.channelId ?? (guildId ? this.channelId() : '1100000000000000900'),
              ...(guildId ? { guild_id: guildId } : {}),
            },
          }
        : {}),
    };
  }

  private interactionBase(guildId: string | null, locale: string, permissions = ALL_PERMISSIONS) {
    const channelId = guildId ? this.channelId(this.guildIds.indexOf(guildId)) : '1100000000000000900';
    return {
      id: this.snowflake(),
      application_id: FAKE_APP_ID,
      token: `itok-${randomBytes(6).toString('hex')}`,
      version: 1 as const,
      app_permissions: ALL_PERMISSIONS,
      locale,
      entitlements: [],
      authorizing_integration_owners: guildId ? { '0': guildId } : { '1': FAKE_USER.id },
      attachment_size_limit: 8_388_608,
      ...(guildId
        ? {
            guild_id: guildId,
            guild_locale: 'en-US',
            guild: { id: guildId, locale: 'en-US', features: [] },
            context: InteractionContextType.Guild,
            channel: { id: channelId, type: ChannelType.GuildText, guild_id: guildId, name: 'channel-0' },
            member: {
              user: FAKE_USER,
              roles: [],
              permissions,
              joined_at: '2024-01-01T00:00:00.000Z',
              deaf: false,
              mute: false,
              flags: 0,
            },
          }
        : {
            context: InteractionContextType.BotDM,
            channel: { id: channelId, type: ChannelType.DM, recipients: [FAKE_USER] },
            user: FAKE_USER,
          }),
      channel_id: channelId,
    };
  }

  chatInput(
    name: string,
    options: APIApplicationCommandInteractionDataOption[] = [],
    {
      guildId = this.guildIds[0] ?? null,
      locale = 'en-US',
      permissions = ALL_PERMISSIONS,
    }: {
      guildId?: string | null;
      locale?: string;
      /** The member's permissions in the channel, as Discord computes them (a bitfield string). */
      permissions?: string;
    } = {},
  ): APIInteraction {
    return {
      ...this.interactionBase(guildId, locale, permissions),
      type: InteractionType.ApplicationCommand,
      data: { id: this.snowflake(), name, type: ApplicationCommandType.ChatInput, options },
    } as APIInteraction;
  }

  autocomplete(
    name: string,
    option: string,
    value: string,
    {
      guildId = this.guildIds[0] ?? null,
      locale = 'en-US',
      subcommand,
      permissions,
    }: { guildId?: string | null; locale?: string; subcommand?: string; permissions?: string } = {},
  ): APIInteraction {
    const focused = [{ type: ApplicationCommandOptionType.String, name: option, value, focused: true }];
    return {
      ...this.interactionBase(guildId, locale, permissions),
      type: InteractionType.ApplicationCommandAutocomplete,
      data: {
        id: this.snowflake(),
        name,
        type: ApplicationCommandType.ChatInput,
        options: subcommand
          ? [{ type: ApplicationCommandOptionType.Subcommand, name: subcommand, options: focused }]
          : focused,
      },
    } as APIInteraction;
  }

  /**
   * A choice in a string select menu of a message the bot posted (`posted`: the recorded POST of that
   * message, whose embeds and components the interaction carries, as Discord's does).
   */
  select(
    customId: string,
    values: string[],
    { posted, permissions }: { posted?: RecordedRequest; permissions?: string } = {},
  ): APIInteraction {
    const guildId = this.guildIds[0] ?? null;
    const channelId = /^\/channels\/(\d+)\/messages$/.exec(posted?.path ?? '')?.[1];
    const message = {
      ...this.message({ content: '', author: FAKE_BOT, ...(channelId ? { channelId } : {}) }),
      embeds: posted?.body?.embeds ?? [],
      components: posted?.body?.components ?? [],
      guild_id: undefined,
    };
    return {
      ...this.interactionBase(guildId, 'en-US', permissions),
      type: InteractionType.MessageComponent,
      message,
      data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
    } as APIInteraction;
  }

  button(customId: string, { locale = 'en-US' }: { locale?: string } = {}): APIInteraction {
    const guildId = this.guildIds[0] ?? null;
    const message = { ...this.message({ content: '', author: FAKE_BOT }), guild_id: undefined };
    return {
      ...this.interactionBase(guildId, locale),
      type: InteractionType.MessageComponent,
      message,
      data: { custom_id: customId, component_type: ComponentType.Button },
    } as APIInteraction;
  }

  messageCommand(
    name: string,
    target: APIMessage,
    { locale = 'en-US' }: { locale?: string } = {},
  ): APIInteraction {
    const guildId = this.guildIds[0] ?? null;
    return {
      ...this.interactionBase(guildId, locale),
      type: InteractionType.ApplicationCommand,
      data: {
        id: this.snowflake(),
        name,
        type: ApplicationCommandType.Message,
        target_id: target.id,
        resolved: { messages: { [target.id]: target } },
      },
    } as APIInteraction;
  }

  // --- gateway ---------------------------------------------------------------------------------

  /** Sends a dispatch to the live session of a shard (the shard of `guildId`, or shard 0). */
  dispatch(t: string, d: unknown, guildId?: string): void {
    const shard = this.shardOf(guildId, this.liveShardCount());
    const session = [...this.sessions.values()].find((s) => s.socket && s.shard[0] === shard);
    if (!session?.socket) throw new Error(`No live gateway session for shard ${shard}`);
    this.send(session, t, d);
  }

  /** Creates a public thread under a channel (THREAD_CREATE to the guild's shard); returns its id. */
  createThread(guildId: string, parentId: string): string {
    const id = this.snowflake();
    this.dispatch(
      GatewayDispatchEvents.ThreadCreate,
      {
        id,
        type: ChannelType.PublicThread,
        guild_id: guildId,
        parent_id: parentId,
        name: 'a thread',
        owner_id: FAKE_USER.id,
        message_count: 0,
        member_count: 1,
        rate_limit_per_user: 0,
        flags: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
        newly_created: true,
      },
      guildId,
    );
    return id;
  }

  /** Sends INTERACTION_CREATE to the right shard. */
  interact(interaction: APIInteraction): void {
    this.dispatch(GatewayDispatchEvents.InteractionCreate, interaction, interaction.guild_id);
  }

  /** Sends an interaction and resolves with the body of the bot's callback for it. */
  async interactAndAwaitCallback(interaction: APIInteraction) {
    const since = this.requests.length;
    this.interact(interaction);
    const r = await this.waitForRequest(
      'POST',
      new RegExp(`^/interactions/${interaction.id}/[^/]+/callback$`),
      {
        since,
      },
    );
    return r.body;
  }

  /** Sends MESSAGE_CREATE to the right shard. */
  post(message: APIMessage & { guild_id?: string }): void {
    this.dispatch(GatewayDispatchEvents.MessageCreate, message, message.guild_id);
  }

  /** Closes every live gateway connection with a code (e.g. 4000 to make the client resume). */
  closeGateway(code: number): void {
    for (const s of this.sessions.values()) {
      s.socket?.close(code, 'fake close');
      s.socket = null;
    }
  }

  /** Kills every live gateway connection without a close frame, as a network failure would (1006). */
  dropGateway(): void {
    for (const s of this.sessions.values()) {
      s.socket?.terminate();
      s.socket = null;
    }
  }

  liveSessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket).length;
  }

  private liveShardCount(): number {
    return [...this.sessions.values()].find((s) => s.socket)?.shard[1] ?? 1;
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, t, s: session.seq, d }));
  }

  private onGateway(ws: WebSocket): void {
    ws.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw: RawData) => {
      let packet: { op: number; d: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
      try {
        packet = JSON.parse(raw.toString());
      } catch {
        ws.close(4002, 'decode error');
        return;
      }
      if (packet.op === GatewayOpcodes.Heartbeat)
        ws.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
      else if (packet.op === GatewayOpcodes.Identify) this.onIdentify(ws, packet.d);
      else if (packet.op === GatewayOpcodes.Resume) this.onResume(ws, packet.d);
    });
  }

  private onIdentify(ws: WebSocket, d: { token: string; intents: number; shard?: [number, number] }): void {
    const shard = d.shard ?? [0, 1];
    this.identifies.push({ token: d.token, intents: d.intents, shard });
    const refused = [...this.opts.rejectTokens, ...this.opts.gatewayRejectTokens];
    if (refused.includes(d.token)) return void ws.close(4004, 'Authentication failed.');
    const disallowed =
      this.opts.disallowedIntents | (this.opts.allowMessageContent ? 0 : GatewayIntentBits.MessageContent);
    if (d.intents & disallowed) {
      return void ws.close(4014, 'Disallowed intent(s).');
    }
    const session: Session = { id: randomBytes(8).toString('hex'), shard, seq: 0, socket: ws };
    this.sessions.set(session.id, session);
    ws.on('close', () => {
      if (session.socket === ws) session.socket = null;
    });
    const guilds = this.guildIds.filter((id) => this.shardOf(id, shard[1]) === shard[0]);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: FAKE_BOT,
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: FAKE_APP_ID, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    this.send(session, GatewayDispatchEvents.Ready, ready);
    guilds.forEach((id) =>
      this.send(session, GatewayDispatchEvents.GuildCreate, this.guildCreate(id, this.guildIds.indexOf(id))),
    );
  }

  private onResume(ws: WebSocket, d: { session_id: string; seq: number }): void {
    this.resumes.push({ sessionId: d.session_id, seq: d.seq });
    const session = this.sessions.get(d.session_id);
    if (!session) return void ws.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
    session.socket = ws;
    ws.on('close', () => {
      if (session.socket === ws) session.socket = null;
    });
    this.send(session, GatewayDispatchEvents.Resumed, {});
  }

  // --- REST ------------------------------------------------------------------------------------

  /** The next `times` requests matching method and path get this error response instead. */
  failNext(
    method: string,
    path: RegExp,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    times = 1,
  ): void {
    this.faults.push({ method, path, status, body, headers, remaining: times });
  }

  /** The next `times` matching requests have their connection destroyed, before or after being handled. */
  resetNext(method: string, path: RegExp, { after = false, times = 1 } = {}): void {
    this.resets.push({ method, path, after, remaining: times });
  }

  /** Requests the bot sent, filtered. */
  sent(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Waits (at most `timeoutMs`) until `probe` returns something other than undefined. */
  async waitFor<T>(probe: () => T | undefined, timeoutMs = 5_000, what = 'condition'): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(10);
    }
  }

  /** Waits for the first successful request matching method and path sent after `since` requests. */
  waitForRequest(
    method: string,
    path: RegExp,
    { since = 0, timeoutMs = 5_000 } = {},
  ): Promise<RecordedRequest> {
    return this.waitFor(
      () =>
        this.requests.slice(since).find((r) => r.method === method && path.test(r.path) && r.status < 400),
      timeoutMs,
      `${method} ${path}`,
    );
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = undefined;
    if (text && String(req.headers['content-type']).includes('json')) body = JSON.parse(text);
    if (url.pathname.startsWith('/_fake/')) return this.onInjector(url, body, res);

    const path = url.pathname.replace(/^\/api\/v\d+/, '');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      status: 0,
    };
    this.requests.push(record);
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      record.response = payload;
      this.onAnswered?.(record);
      if (payload === undefined) {
        // A 204 must not claim a JSON body, or the client tries to parse one.
        res.writeHead(status, headers).end();
      } else {
        res
          .writeHead(status, { 'content-type': 'application/json', ...headers })
          .end(JSON.stringify(payload));
      }
    };

    const auth = String(req.headers.authorization ?? '');
    if (auth && this.opts.rejectTokens.includes(auth.replace(/^Bot\s+/, ''))) {
      return reply(401, { message: '401: Unauthorized', code: 0 });
    }
    const reset = this.resets.find((f) => f.remaining > 0 && f.method === record.method && f.path.test(path));
    if (reset) {
      reset.remaining -= 1;
      // The connection dies: before the request is handled, or after (the work is done, the answer lost).
      if (!reset.after) {
        record.status = -1;
        return void req.socket.destroy();
      }
      return this.route(record, (status) => {
        record.status = status;
        req.socket.destroy();
      });
    }
    const fault = this.faults.find((f) => f.remaining > 0 && f.method === record.method && f.path.test(path));
    if (fault) {
      fault.remaining -= 1;
      return reply(fault.status, fault.body, fault.headers);
    }
    return this.route(record, reply);
  }

  private route(r: RecordedRequest, reply: (status: number, payload?: unknown) => void): void {
    const { method, path, body } = r;
    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      const result: RESTGetAPIGatewayBotResult = {
        url: this.gatewayUrl,
        shards: this.opts.shards,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 0,
          max_concurrency: this.opts.maxConcurrency,
        },
      };
      return reply(200, result);
    }
    const callback = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(path);
    if (method === 'POST' && callback) {
      // Like Discord, an interaction is acknowledged once; a second callback is refused.
      if (this.acknowledged.has(callback[1]!))
        return reply(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      this.acknowledged.add(callback[1]!);
      return reply(204);
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const list = Array.isArray(body) ? body : [];
      return reply(
        200,
        list.map((c: Record<string, unknown>) => ({
          id: this.snowflake(),
          application_id: FAKE_APP_ID,
          version: '1',
          ...c,
        })),
      );
    }
    const channelPost = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelPost) {
      const b = (body ?? {}) as { nonce?: string | number; enforce_nonce?: boolean };
      const key = b.enforce_nonce && b.nonce !== undefined ? `${channelPost[1]}:${b.nonce}` : undefined;
      const existing = key ? this.nonces.get(key) : undefined;
      if (existing) {
        r.duplicate = true;
        return reply(200, existing);
      }
      const created = this.echoMessage(channelPost[1]!, body);
      if (key) this.nonces.set(key, created);
      return reply(200, created);
    }
    const webhook = /^\/webhooks\/\d+\/[^/]+(\/messages\/(%40original|@original|\d+))?$/.exec(path);
    if (webhook && (method === 'POST' || method === 'PATCH'))
      return reply(200, this.echoMessage(this.channelId(), body));
    if (webhook && method === 'DELETE') return reply(204);
    if (method === 'GET' && path === '/applications/@me')
      return reply(200, { id: FAKE_APP_ID, name: 'alliances-bot', flags: 0 });
    return reply(404, { message: `Unknown route ${method} ${path}`, code: 0 });
  }

  private echoMessage(channelId: string, body: unknown): APIMessage {
    const b = (body ?? {}) as Partial<APIMessage>;
    return {
      ...this.message({ content: b.content ?? '', channelId, author: FAKE_BOT }),
      embeds: b.embeds ?? [],
      components: b.components ?? [],
    };
  }

  /**
   * The demo injector: POST /_fake/ask {"question": "...", "locale": "es-ES"} sends an /ask
   * interaction and answers with what the bot replied (or 504 after 5 s).
   */
  private async onInjector(url: URL, body: unknown, res: http.ServerResponse): Promise<void> {
    const send = (status: number, payload: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload, null, 2));
    };
    if (url.pathname !== '/_fake/ask') return send(404, { error: 'POST /_fake/ask {"question": "..."}' });
    const { question, locale } = (body ?? {}) as { question?: string; locale?: string };
    if (!question) return send(400, { error: 'needs {"question": "..."}' });
    const since = this.requests.length;
    const interaction = this.chatInput(
      'ask',
      [{ type: ApplicationCommandOptionType.String, name: 'question', value: question }],
      { locale: locale ?? 'en-US' },
    );
    try {
      this.interact(interaction);
      const r = await this.waitForRequest('POST', new RegExp(`/interactions/${interaction.id}/`), { since });
      send(200, r.body);
    } catch (err) {
      send(504, { error: err instanceof Error ? err.message : String(err) });
    }
  }
}
