// Replies to an interaction within Discord's 3-second window even when producing the reply is slow:
// if it is not ready after `deferAfterMs`, the interaction is deferred ("thinking…") and the reply is
// edited in when ready (Discord then allows 15 minutes).
import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { ReplyPayload } from './render.js';
import { retryOnNetworkError } from './retry.js';

/** Discord's "Interaction has already been acknowledged". */
const ALREADY_ACKNOWLEDGED = 40060;

/**
 * interaction.reply, retried when the connection failed before an answer came back. Discord accepts
 * one callback per interaction, so a retry cannot answer twice: if the lost attempt had landed, the
 * retry is refused as already acknowledged, which means the reply is there.
 */
export async function replyOnce(interaction: RepliableInteraction, payload: ReplyPayload): Promise<void> {
  let attempts = 0;
  await retryOnNetworkError(async () => {
    attempts += 1;
    try {
      await interaction.reply(payload);
    } catch (err) {
      if (attempts > 1 && (err as { code?: unknown }).code === ALREADY_ACKNOWLEDGED) return;
      throw err;
    }
  });
}

/** Well inside Discord's 3 s, leaving room for the defer's own round trip. */
export const DEFER_AFTER_MS = 1_500;

export async function replyInTime(
  interaction: RepliableInteraction,
  produce: () => ReplyPayload | Promise<ReplyPayload>,
  { deferAfterMs = DEFER_AFTER_MS, ephemeral = false }: { deferAfterMs?: number; ephemeral?: boolean } = {},
): Promise<void> {
  let deferred: Promise<unknown> | undefined;
  const defer = () => {
    deferred ??= interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    // Its failure surfaces below, when the reply is edited in; do not leave it unhandled meanwhile.
    deferred.catch(() => {});
  };
  let timer: NodeJS.Timeout | undefined;
  if (deferAfterMs <= 0) defer();
  else timer = setTimeout(defer, deferAfterMs);
  let payload: ReplyPayload;
  try {
    payload = await produce();
  } finally {
    clearTimeout(timer);
  }
  if (!deferred) {
    await replyOnce(interaction, payload);
    return;
  }
  await deferred;
  // Whether the reply is private was fixed by the defer; an edit carries no flags.
  await interaction.editReply({ ...payload, flags: undefined });
}
