// Turns whatever stopped start-up into one sentence a person can act on: what failed, and what to do.
// Used by the entry points (src/index.ts, src/shard.ts, deploy-commands) just before they exit
// non-zero. Every sentence is built here, so tests can assert them and nothing else invents wording.
// The sentence is scrubbed of the token by the caller's scrub(); none of these include it anyway.
import type { Config } from './config.js';
import { ConfigError } from './config.js';

type Where = Pick<Config, 'DISCORD_API_URL'> & {
  /** What was being done, for a 403: 'logging in', 'registering the commands'. */
  action?: string;
};

const DEFAULT_API = 'https://discord.com/api';

export const STARTUP_ERRORS = {
  noToken: 'DISCORD_TOKEN is not set, so the bot cannot log in to Discord. Put the bot token in .env.',
  badToken:
    'Discord rejected the bot token (DISCORD_TOKEN). Reset it in the Discord developer portal (Bot > Reset Token) and put the new one in .env.',
  noNetwork: (host: string, code: string) =>
    `Could not reach Discord: looking up ${host} failed (${code}), so this machine seems to have no network or no DNS. Check its internet connection, then start the bot again.`,
  dnsFailure: (host: string, code: string) =>
    `Could not find the host ${host} of DISCORD_API_URL (DNS lookup failed, ${code}). Check the address in DISCORD_API_URL, or remove it to use discord.com.`,
  noRoute: (host: string, code: string) =>
    `Could not reach Discord at ${host}: the network has no route to it (${code}). Check this machine's network connection and firewall, then start the bot again.`,
  unreachable: (url: string, code: string) =>
    `Nothing answered at the Discord API address ${url} (${code}). Check DISCORD_API_URL (remove it to use discord.com) and that the address is up and reachable.`,
  notDiscord: (url: string, status: number) =>
    `The Discord API address ${url} answered with HTTP ${status} instead of Discord's gateway details. Check DISCORD_API_URL (remove it to use discord.com).`,
  disallowedIntents:
    'Discord refused the gateway intents the bot asks for (close code 4014), even without Message Content. In the developer portal, open Bot > Privileged Gateway Intents and check what is enabled, then start the bot again.',
  missingPermissions: (what: string) =>
    `Discord refused ${what} for lack of permissions (403). Invite the bot again with the link in the README (scopes bot and applications.commands) to the right server, then retry.`,
  database: (path: string, code: string) =>
    `Could not open the database ${path} for writing (${code}). Make its folder writable by the user running the bot, or set DATABASE_PATH to a writable file.`,
  healthPort: (host: string, port: number, code: string) =>
    `The health endpoint could not listen on ${host}:${port} (${code}). Pick another HEALTH_PORT, or stop what is using that port.`,
  unexpected: (message: string) =>
    `The bot could not start: ${message}. Check the log above; if it does not say why, report this with the log.`,
} as const;

/** Start-up failed for a reason a person can fix; the message says how. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Errors of the bot's own that name the file and field at fault (matched by name: no import cycle). */
const OWN_ERRORS = new Set(['KnowledgeError', 'SchemaTooNewError', 'HashKeyError', 'DeployError']);

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const ROUTE_CODES = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN']);
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** The error's own code, or that of its cause (undici wraps socket errors in a TypeError 'fetch failed'). */
function codeOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The database could not be opened or written: the sentence, or a newer bot's schema message as it is. */
export function databaseStartupError(path: string, err: unknown): StartupError {
  if (err instanceof Error && err.name === 'SchemaTooNewError') return new StartupError(err.message);
  return new StartupError(
    STARTUP_ERRORS.database(path, codeOf(err) ?? (err instanceof Error ? err.message : String(err))),
  );
}

/** Start-up errors from discord.js and the network, as one sentence; anything unknown keeps its message. */
export function explainStartupError(err: unknown, where: Where = {}): string {
  // Our own errors already say what is wrong and what to do (the knowledge files: one line per problem).
  if (err instanceof StartupError || err instanceof ConfigError) return err.message;
  if (err instanceof Error && OWN_ERRORS.has(err.name)) return err.message;
  const api = where.DISCORD_API_URL ?? DEFAULT_API;
  const custom = where.DISCORD_API_URL !== undefined;
  const code = codeOf(err);
  const status = (err as { status?: unknown } | null)?.status;
  if (status === 401 || code === 'TokenInvalid') return STARTUP_ERRORS.badToken;
  if (status === 403) return STARTUP_ERRORS.missingPermissions(where.action ?? 'the request');
  if (typeof status === 'number' && status >= 300) return STARTUP_ERRORS.notDiscord(api, status);
  if (code && DNS_CODES.has(code)) {
    return custom
      ? STARTUP_ERRORS.dnsFailure(hostOf(api), code)
      : STARTUP_ERRORS.noNetwork(hostOf(api), code);
  }
  if (code && ROUTE_CODES.has(code)) return STARTUP_ERRORS.noRoute(hostOf(api), code);
  if (code && CONNECT_CODES.has(code)) return STARTUP_ERRORS.unreachable(api, code);
  const message = err instanceof Error ? err.message : String(err);
  return STARTUP_ERRORS.unexpected(message.replace(/[.\s]+$/, ''));
}
