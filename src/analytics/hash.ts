// Owns the key that turns a Discord user id into an opaque hash, so the log can count votes per person
// and forget a person on request without ever storing who they are.
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where the generated key lives when ANALYTICS_HASH_KEY is empty: next to the database. */
export function keyFilePath(databasePath: string): string {
  return `${databasePath}.key`;
}

export class HashKeyError extends Error {
  override name = 'HashKeyError';
}

/**
 * The configured key, or the one stored next to the database, generated (0600) on first use.
 * With create false a missing file gives null: nothing was ever hashed with a generated key.
 */
export function loadHashKey(databasePath: string, configured: string | undefined, create: true): string;
export function loadHashKey(
  databasePath: string,
  configured: string | undefined,
  create: false,
): string | null;
export function loadHashKey(
  databasePath: string,
  configured: string | undefined,
  create: boolean,
): string | null {
  if (configured) return configured;
  const file = keyFilePath(databasePath);
  try {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length < 16) throw new HashKeyError(`The hash key file ${file} is shorter than 16 characters.`);
    // A key readable by others lets them test guesses of user ids against the log.
    if ((statSync(file).mode & 0o077) !== 0) {
      try {
        chmodSync(file, 0o600);
      } catch {
        // A read-only disk: the key still works, and the file's owner chose its mode.
      }
    }
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    if (!create) return null;
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64url');
  try {
    // 'wx': if another process created the file first, use theirs rather than overwrite it.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadHashKey(databasePath, undefined, false);
    throw err;
  }
}

/** HMAC-SHA256 of a user id under the key, hex. The raw id is never stored. */
export function hashUserId(key: string, userId: string): string {
  return createHmac('sha256', key).update(userId, 'utf8').digest('hex');
}
