// The one language resolver. A question's language is guessed from its words (each language's
// markers: lang/*.yaml and entities.yaml) and marks; a transport's locale (a Discord user's language
// setting) breaks ties and is the language of everything that has no question (buttons, commands).
import type { Lexicon } from './lexicon.js';
import { normalize } from './normalize.js';
import type { Lang } from './types.js';

/** The language of a transport's locale ("es-ES" -> es); English for anything else or none. */
export function langOfLocale(locale: string | null | undefined): Lang {
  return locale && /^es\b/i.test(locale) ? 'es' : 'en';
}

/** The language of a question, the locale breaking ties. */
export function detectLang(lexicon: Lexicon, question: string, locale?: string | null): Lang {
  let es = 0;
  let en = 0;
  if (/[¿¡ñÑ]/.test(question)) es += 2;
  if (/[áéíóúÁÉÍÓÚ]/.test(question)) es += 1;
  const { markers } = lexicon;
  for (const w of normalize(question).split(' ')) {
    if (markers.es.has(w)) es++;
    if (markers.en.has(w)) en++;
  }
  if (es === en) return langOfLocale(locale);
  return es > en ? 'es' : 'en';
}
