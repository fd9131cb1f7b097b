// npm run deploy-commands: registers the bot's commands with Discord (safe to re-run).
import dotenv from 'dotenv';
import { loadConfig } from '../src/config.js';
import { createCommands } from '../src/discord/commands/index.js';
import { deployCommands } from '../src/discord/deploy.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { registerSecret, scrub } from '../src/log.js';
import { explainStartupError } from '../src/startup-errors.js';

dotenv.config({ quiet: true });
let config: ReturnType<typeof loadConfig> | undefined;
try {
  config = loadConfig();
  registerSecret(config.DISCORD_TOKEN);
  // The commands are worded by the knowledge base (persona.yaml), which must be valid to register them.
  const result = await deployCommands(config, createCommands(loadKnowledge(config.knowledgeDir).persona));
  const where =
    result.scope === 'guild'
      ? 'to one server (DISCORD_GUILD_ID)'
      : 'globally (may take up to an hour to show)';
  console.log(`Registered ${result.names.length} commands ${where}: ${result.names.join(', ')}`);
} catch (err) {
  // Our own messages (DeployError) as they are; Discord's and the network's as one sentence.
  const message =
    err instanceof Error && err.name === 'DeployError'
      ? err.message
      : explainStartupError(err, { ...config, action: 'registering the commands' });
  console.error(scrub(message));
  process.exitCode = 1;
}
