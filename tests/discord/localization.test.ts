// Every command reads in Spanish for people whose Discord is in Spanish (Spain and Latin America):
// names, descriptions, options and choices, within Discord's naming rules.
import { ApplicationCommandType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { helpEntries } from '../../src/discord/commands/help.js';
import { commandDefinitions } from '../../src/discord/commands/index.js';
import { commands } from '../support/brain.js';
import { SPANISH_LOCALES } from '../../src/discord/commands/locales.js';

type Localized = {
  name: string;
  name_localizations?: Record<string, string | null> | null;
  description?: string;
  description_localizations?: Record<string, string | null> | null;
  options?: Localized[];
  choices?: Localized[];
};

// Discord's rule for command and option names (lower case where the script has case, no spaces).
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function expectBothLocales(map: Localized['name_localizations'], what: string): void {
  for (const locale of SPANISH_LOCALES) {
    expect(map?.[locale], `${what} in ${locale}`).toEqual(expect.any(String));
    expect(map?.[locale]?.length, `${what} in ${locale}`).toBeGreaterThan(0);
  }
}

function checkOption(option: Localized, path: string): void {
  expectBothLocales(option.name_localizations, `${path} name`);
  expectBothLocales(option.description_localizations, `${path} description`);
  for (const locale of SPANISH_LOCALES) {
    const name = option.name_localizations![locale]!;
    expect(name, `${path} name in ${locale}`).toMatch(NAME);
    expect(name).toBe(name.toLowerCase());
    expect(option.description_localizations![locale]!.length).toBeLessThanOrEqual(100);
  }
  for (const choice of option.choices ?? []) {
    expectBothLocales(choice.name_localizations, `${path} choice ${choice.name}`);
  }
  for (const sub of option.options ?? []) checkOption(sub, `${path} ${sub.name}`);
}

describe('command localizations', () => {
  for (const data of commandDefinitions(commands) as Localized[] & { type?: number }[]) {
    const command = data as Localized & { type?: number };
    it(`/${command.name} has es-ES and es-419 for its name, description, options and choices`, () => {
      expectBothLocales(command.name_localizations, `${command.name} name`);
      if (command.type === ApplicationCommandType.Message) {
        // Context-menu commands have no description; their names may hold spaces and capitals.
        expect(command.description ?? '').toBe('');
        return;
      }
      expectBothLocales(command.description_localizations, `${command.name} description`);
      for (const locale of SPANISH_LOCALES) {
        const name = command.name_localizations![locale]!;
        expect(name).toMatch(NAME);
        expect(name).toBe(name.toLowerCase());
        expect(command.description_localizations![locale]!.length).toBeLessThanOrEqual(100);
      }
      for (const option of command.options ?? []) checkOption(option, `${command.name} ${option.name}`);
    });
  }
});

describe('/stats and /help in Spanish', () => {
  it('/stats is for server managers by default and only inside servers', () => {
    const stats = commands.find((c) => c.data.name === 'stats')!;
    expect(stats.data.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(stats.data.contexts).toEqual([InteractionContextType.Guild]);
  });

  it('/help lists the Spanish command names to a Spanish reader', () => {
    const names = helpEntries(commands, 'es').map((e) => e.name);
    expect(names).toContain('preguntar');
    expect(names).toContain('estadisticas');
    expect(names).toContain('Preguntar al bot sobre este mensaje');
    expect(helpEntries(commands, 'en').map((e) => e.name)).toContain('ask');
  });
});
