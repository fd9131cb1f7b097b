// Reads input one line at a time and hands each to a callback, in order, until the input ends.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export async function forEachLine(
  input: Readable,
  onLine: (line: string) => void | Promise<void>,
): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) await onLine(line);
}
