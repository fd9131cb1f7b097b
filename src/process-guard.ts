// Last-resort handlers for errors nothing else caught, installed once at start-up.
//
// Unhandled promise rejections: logged with their reason and ignored. Every Discord handler already
// catches its own errors, so a rejection that reaches here is a stray promise (a listener, a timer),
// and the bot's state (an immutable brain, per-request work) is not damaged by it.
//
// Uncaught exceptions: logged at fatal, and the bot keeps serving, because the same reasoning holds: no
// shared mutable state a half-run handler could corrupt, and exiting would drop every server's
// answers for one bad event. What we treat as fatal is a burst: more than `maxPerMinute` of them in a
// minute means something is broken for good (a loop, a corrupted connection), and the process exits
// with code 1 so a supervisor (systemd, Docker, pm2) restarts it cleanly.
import type { Logger } from './log.js';

export interface GuardOptions {
  maxPerMinute?: number;
  exit?: (code: number) => void;
  now?: () => number;
}

export function installProcessGuards(
  logger: Logger,
  { maxPerMinute = 5, exit = (code) => process.exit(code), now = Date.now }: GuardOptions = {},
): () => void {
  const recent: number[] = [];
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason, kind: 'unhandledRejection' }, 'Unhandled promise rejection; still serving');
  };
  const onException = (err: Error, origin: string) => {
    const t = now();
    recent.push(t);
    while (recent.length && recent[0]! <= t - 60_000) recent.shift();
    if (recent.length > maxPerMinute) {
      logger.fatal(
        { err, origin, lastMinute: recent.length },
        'Too many uncaught exceptions in a minute; exiting so the supervisor restarts the bot',
      );
      exit(1);
      return;
    }
    logger.fatal({ err, origin }, 'Uncaught exception; still serving');
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
