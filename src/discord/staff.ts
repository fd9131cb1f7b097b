// The staff channel of a server: where 👎 reports and teaching suggestions go. Each server's settings
// name it (/settings staff channel, FEEDBACK_CHANNEL_ID by default); start.ts passes that lookup on.
export type StaffChannelFor = (guildId: string | null) => string | undefined;
