// One pino logger for the whole bot, writing JSON lines to stderr (stdout belongs to the terminal
// and JSON CLI). Secrets are scrubbed from every line, whatever object carries them.
import pino, { type Logger } from 'pino';

const secrets = new Set<string>();
/** The secrets, longest first, so a whole token is replaced before any of its parts. */
let ordered: string[] = [];

/** Registers a secret (the bot token) so that it never appears in a log line. */
export function registerSecret(secret: string | undefined): void {
  if (!secret || secret.length < 8) return;
  secrets.add(secret);
  // A Discord token is three dot-separated parts; discord.js' debug line "Provided token: a.b.***"
  // prints the first two. Each part on its own is hidden too, longest first.
  for (const part of secret.split('.')) if (part.length >= 6 && part !== secret) secrets.add(part);
  ordered = [...secrets].sort((a, b) => b.length - a.length);
}

/** Replaces every registered secret (and each part of it) in a string with [REDACTED]. */
export function scrub(text: string): string {
  let out = text;
  for (const s of ordered) if (out.includes(s)) out = out.split(s).join('[REDACTED]');
  return (
    out
      // Discord tokens have a recognisable shape; hide any that were never registered too.
      .replace(/[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}/g, '[REDACTED]')
      .replace(/(Provided token: )\S+/g, '$1[REDACTED]')
  );
}

export function createLogger(
  level: string = 'info',
  // Synchronous, so a line logged just before exiting (or before the last error sentence) is not lost or reordered.
  destination: pino.DestinationStream = pino.destination({ dest: 2, sync: true }),
): Logger {
  const scrubbing: pino.DestinationStream = {
    write: (line: string) => destination.write(scrub(line)),
  };
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'],
        censor: '[REDACTED]',
      },
    },
    scrubbing,
  );
}

export type { Logger };
