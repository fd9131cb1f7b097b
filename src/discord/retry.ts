// Retries a request whose connection failed before any HTTP answer came back (reset, refused, timed
// out). @discordjs/rest already retries 5xx and waits out 429s, but not a socket closed under it. Only
// use this for requests that are safe to repeat: channel messages sent with an enforced nonce, which
// Discord creates at most once.
const NETWORK_CODES = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);

export function isNetworkError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  return NETWORK_CODES.has(String(code)) || NETWORK_CODES.has(String(cause));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function retryOnNetworkError<T>(
  send: () => Promise<T>,
  { attempts = 3, delayMs = 200 }: { attempts?: number; delayMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (attempt >= attempts || !isNetworkError(err)) throw err;
      await sleep(delayMs * attempt);
    }
  }
}
