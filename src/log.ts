// One pino logger for the whole bot, writing JSON lines to stderr (stdout belongs to the terminal
// and JSON CLI). Secrets are scrubbed from every line, whatever object carries them.
import pino, { type Logger } from 'pino';

const secrets = new Set<string>();

/** Registers a secret (the bot token) so that it never appears in a log line. */
export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 8) secrets.add(secret);
}

/** Replaces every registered secret in a string with [REDACTED]. */
export function scrub(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[REDACTED]');
  // Discord tokens have a recognisable shape; hide any that were never registered too.
  return out.replace(/[MN][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}/g, '[REDACTED]');
}

export function createLogger(
  level: string = 'info',
  destination: pino.DestinationStream = pino.destination(2),
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
