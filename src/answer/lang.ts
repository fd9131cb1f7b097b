// Guesses whether a question is in Spanish or English from its words and marks. A transport's
// locale (a Discord user's language setting) breaks ties, so "OTAN" alone from a Spanish-speaking user
// is answered in Spanish.
import { normalize } from './normalize.js';
import type { Lang } from './types.js';

const ES_WORDS = new Set(
  (
    'que es el la los las del de en por porque cual cuales como donde cuando quien quienes esta estan son ' +
    'tiene tienen hace hizo una unos unas pertenece forma parte miembro miembros paises pais alianza alianzas ' +
    'acuerdo acuerdos tratado organizacion organizaciones comercio otan onu oea omc tmec tlcan con para sobre ' +
    'sus su se lo le hola gracias buenos buenas dias tardes noches fuente mundo ambiente cambio climatico ' +
    'cultura ciencia relaciones politica exterior significa ayuda puedes eres sabes dime qué cuál cómo'
  ).split(' '),
);
const EN_WORDS = new Set(
  (
    'is are the what which why how does do did of in who when where whats part member members countries ' +
    'country alliance alliances agreement trade with for about and has have it its was this that nato un ' +
    'hello hi thanks thank you source world environment climate change culture science relations policy ' +
    'foreign mean help can tell me'
  ).split(' '),
);

export function isSpanishLocale(locale: string | undefined): boolean {
  return !!locale && /^es\b/i.test(locale);
}

export function detectLang(question: string, locale?: string): Lang {
  let es = 0;
  let en = 0;
  if (/[¿¡ñÑ]/.test(question)) es += 2;
  if (/[áéíóúÁÉÍÓÚ]/.test(question)) es += 1;
  for (const w of normalize(question).split(' ')) {
    if (ES_WORDS.has(w)) es++;
    if (EN_WORDS.has(w)) en++;
  }
  if (es === en) return isSpanishLocale(locale) ? 'es' : 'en';
  return es > en ? 'es' : 'en';
}
