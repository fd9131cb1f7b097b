// The reference for bench/discord-memory.ts: a bare discord.js client, plain JavaScript on plain node,
// with the bot's intents and discord.js' default caches, logging in to the same fake Discord. It
// prints one JSON line on stderr when ready, like the bot's "Discord ready" line.
import { Client, Events, GatewayIntentBits } from 'discord.js';

const client = new Client({
  intents: [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
    GatewayIntentBits.MessageContent,
  ],
  rest: { api: process.env.DISCORD_API_URL },
});
client.once(Events.ClientReady, () => {
  const line = {
    msg: 'Discord ready',
    servers: client.guilds.cache.size,
    rssMb: process.memoryUsage().rss / 1e6,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
});
process.once('SIGTERM', () => void client.destroy().then(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
