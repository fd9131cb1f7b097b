// The staff channel of a server: where 👎 reports and teaching suggestions go. One function, so that
// per-server settings can answer it later; today every server uses FEEDBACK_CHANNEL_ID.
import type { Config } from '../config.js';

export type StaffChannelFor = (guildId: string | null) => string | undefined;

export function staffChannelFor(config: Pick<Config, 'FEEDBACK_CHANNEL_ID'>): StaffChannelFor {
  return () => config.FEEDBACK_CHANNEL_ID;
}
