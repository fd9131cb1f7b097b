// npm run fake-discord -- --guilds N [--shards N] [--port P]: a fake Discord on 127.0.0.1 for demos.
// Start the bot against it, then ask through the fake's injector:
//   DISCORD_TOKEN=x DISCORD_API_URL=<api url> npm start
//   curl -s -X POST <injector> -H 'content-type: application/json' -d '{"question":"Is Mexico in NATO?"}'
import { parseArgs } from 'node:util';
import { FakeDiscord } from '../tests/support/fake-discord.js';

const { values } = parseArgs({
  options: {
    guilds: { type: 'string', default: '1' },
    shards: { type: 'string', default: '1' },
    port: { type: 'string', default: '0' },
  },
});
const number = (name: string, value: string | undefined, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number of at least ${min}`);
    process.exit(2);
  }
  return n;
};

const fake = await FakeDiscord.start({
  guilds: number('guilds', values.guilds, 0),
  shards: number('shards', values.shards, 1),
  port: number('port', values.port, 0),
});
const injector = fake.apiUrl.replace(/\/api$/, '/_fake/ask');
console.log(fake.apiUrl);
console.error(
  [
    `Fake Discord with ${fake.guildIds.length} servers listening.`,
    `  Start the bot:  DISCORD_TOKEN=x DISCORD_API_URL=${fake.apiUrl} npm start`,
    `  Ask /ask:       curl -s -X POST ${injector} -H 'content-type: application/json' -d '{"question":"Is Mexico in NATO?"}'`,
    '  Ctrl-C stops it.',
  ].join('\n'),
);

let seen = 0;
const timer = setInterval(() => {
  for (const r of fake.requests.slice(seen)) console.error(`${r.status} ${r.method} ${r.path}`);
  seen = fake.requests.length;
}, 250);

const stop = async () => {
  clearInterval(timer);
  await fake.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
