// npm run deploy-commands: registers the bot's commands with Discord (safe to re-run).
import dotenv from 'dotenv';
import { loadConfig } from '../src/config.js';
import { createCommands } from '../src/discord/commands/index.js';
import { deployCommands } from '../src/discord/deploy.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { registerSecret, scrub } from '../src/log.js';

dotenv.config({ quiet: true });
try {
  const config = loadConfig();
  registerSecret(config.DISCORD_TOKEN);
  // The commands are worded by the knowledge base (persona.yaml), which must be valid to register them.
  const result = await deployCommands(config, createCommands(loadKnowledge(config.knowledgeDir).persona));
  const where =
    result.scope === 'guild'
      ? 'to one server (DISCORD_GUILD_ID)'
      : 'globally (may take up to an hour to show)';
  console.log(`Registered ${result.names.length} commands ${where}: ${result.names.join(', ')}`);
} catch (err) {
  console.error(scrub(err instanceof Error ? err.message : String(err)));
  process.exitCode = 1;
}
