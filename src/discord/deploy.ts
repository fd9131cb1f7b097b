// Registers every command definition with one PUT (bulk overwrite, so re-running is safe): to one
// server when DISCORD_GUILD_ID is set (instant, for testing), else globally.
import { REST, Routes } from 'discord.js';
import type { Config } from '../config.js';
import { commandDefinitions, type Command } from './commands/index.js';

export const DEPLOY_ERRORS = {
  noToken: 'DISCORD_TOKEN is not set. Put the bot token in .env (developer portal > Bot > Reset Token).',
  noClientId:
    'DISCORD_CLIENT_ID is not set. Put the application id in .env (developer portal > General Information > Application ID).',
} as const;

export class DeployError extends Error {
  override name = 'DeployError';
}

export interface DeployResult {
  scope: 'guild' | 'global';
  route: string;
  names: string[];
}

export async function deployCommands(config: Config, list: readonly Command[]): Promise<DeployResult> {
  if (!config.DISCORD_TOKEN) throw new DeployError(DEPLOY_ERRORS.noToken);
  if (!config.DISCORD_CLIENT_ID) throw new DeployError(DEPLOY_ERRORS.noClientId);
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(
    config.DISCORD_TOKEN,
  );
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_CLIENT_ID);
  const saved = (await rest.put(route, { body: commandDefinitions(list) })) as { name: string }[];
  return { scope: config.DISCORD_GUILD_ID ? 'guild' : 'global', route, names: saved.map((c) => c.name) };
}
