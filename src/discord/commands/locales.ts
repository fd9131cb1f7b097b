// Spanish for command names, descriptions, options and choices: both of Discord's Spanish locales (es-ES
// and es-419) get the same words, so each Spanish string is written once.
import type { LocalizationMap } from 'discord.js';

export const SPANISH_LOCALES = ['es-ES', 'es-419'] as const;

/** `{ 'es-ES': text, 'es-419': text }` for *_localizations fields. */
export function es(text: string): LocalizationMap {
  return Object.fromEntries(SPANISH_LOCALES.map((locale) => [locale, text]));
}
