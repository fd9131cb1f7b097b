// Every sentence the Discord layer says on its own (not answers from the brain), in one place so
// that tests can assert them and a translator can find them.
import { langOfLocale } from '../answer/lang.js';
import type { Lang } from '../answer/types.js';

export const TEXT = {
  source: { en: 'Source', es: 'Fuente' },
  sources: { en: 'Sources', es: 'Fuentes' },
  related: { en: 'Related questions', es: 'Preguntas relacionadas' },
  didYouMean: { en: 'Did you mean…', es: '¿Quisiste decir…' },
  aboutMessage: { en: 'About this message', es: 'Sobre este mensaje' },
  helpTitle: { en: 'What I can do', es: 'Lo que puedo hacer' },
} as const satisfies Record<string, Record<Lang, string>>;

/** Problems the user caused; each becomes a short private reply. */
export const USER_ERRORS = {
  emptyMessage: 'That message has no text I can read, so I cannot answer it.',
  unknownFact: 'That question is no longer in my knowledge base. Try `/ask` instead.',
  unknownTopic: 'I do not know that topic. Pick one from the list.',
  unknownCommand: 'I do not know that command any more. It may have been removed; try `/help`.',
  unknownButton: 'That button no longer works. Try `/ask` instead.',
  cannotReload: 'This bot was started without a reloadable knowledge base.',
} as const;

/** Said privately when something unexpected went wrong; the details go to the log only. */
export const APOLOGY =
  'Sorry, something went wrong on my side while answering. Please try again in a moment.';

/** An error the user can fix; its message is shown to them privately. */
export class UserError extends Error {
  override name = 'UserError';
}

/** The language of a Discord locale: the brain's one language resolver. */
export const langOf = langOfLocale;

/** What the feedback buttons and /stats say (question log; see docs/analytics.md). */
export const FEEDBACK_TEXT = {
  thanksUp: {
    en: 'Thanks, your 👍 is recorded. You can change it at any time.',
    es: 'Gracias, tu 👍 quedó registrado. Puedes cambiarlo cuando quieras.',
  },
  thanksDown: {
    en: 'Thanks, your 👎 is recorded, and the team will look at this answer. You can change your vote at any time.',
    es: 'Gracias, tu 👎 quedó registrado y el equipo revisará esta respuesta. Puedes cambiar tu voto cuando quieras.',
  },
  didYouMean: {
    en: 'Did you mean one of these?',
    es: '¿Quisiste decir alguna de estas?',
  },
  votesOff: {
    en: 'Feedback is not being recorded on this bot right now, but thank you.',
    es: 'Este bot no está registrando opiniones ahora mismo, pero gracias.',
  },
  voteExpired: {
    en: 'That answer is too old to vote on now. Ask again with `/ask` and vote on the new answer.',
    es: 'Esa respuesta es demasiado antigua para votar. Pregunta de nuevo con `/ask` y vota la nueva respuesta.',
  },
  staffTitle: { en: '👎 on an answer', es: '👎 en una respuesta' },
  staffQuestion: { en: 'Question', es: 'Pregunta' },
  staffAnswer: { en: 'Answer given', es: 'Respuesta dada' },
  staffVote: { en: 'Vote', es: 'Voto' },
  statsOff: {
    en: 'The question log is off on this bot (ANALYTICS=off), so there are no statistics to show.',
    es: 'El registro de preguntas está desactivado en este bot (ANALYTICS=off), así que no hay estadísticas.',
  },
  statsUnreadable: {
    en: 'I could not read the question log just now. Please try again in a moment.',
    es: 'No pude leer el registro de preguntas. Inténtalo de nuevo en un momento.',
  },
  statsGuildOnly: {
    en: '`/stats` shows the statistics of one server, so it only works inside a server.',
    es: '`/stats` muestra las estadísticas de un servidor, así que solo funciona dentro de uno.',
  },
  statsTitle: {
    en: 'Questions in this server: last 7 days',
    es: 'Preguntas en este servidor: últimos 7 días',
  },
  statsAsked: { en: 'Questions asked', es: 'Preguntas hechas' },
  statsAnswerRate: { en: 'Answer rate', es: 'Tasa de respuesta' },
  statsAnsweredOf: { en: 'answered', es: 'respondidas' },
  statsTop: { en: 'Top questions', es: 'Preguntas más hechas' },
  statsGaps: { en: 'Top gaps (not answered)', es: 'Principales vacíos (sin respuesta)' },
  statsDownvoted: { en: 'Most 👎 facts', es: 'Datos con más 👎' },
  statsNone: { en: 'None yet.', es: 'Nada todavía.' },
} as const satisfies Record<string, Record<Lang, string>>;

/** Said once when someone asks too fast; later repeats in the same burst get no reply at all. */
export const SLOW_DOWN = {
  repeat: {
    en: 'I just answered that question. Scroll up for the answer.',
    es: 'Acabo de responder esa pregunta. Busca la respuesta más arriba.',
  },
  user: {
    en: (s: number) => `You are asking quickly. Please wait ${s} s before asking again.`,
    es: (s: number) => `Estás preguntando muy rápido. Espera ${s} s antes de volver a preguntar.`,
  },
  channel: {
    en: (s: number) => `Many questions here at once. Please try again in ${s} s.`,
    es: (s: number) => `Muchas preguntas aquí a la vez. Inténtalo de nuevo en ${s} s.`,
  },
} as const;

/** The short notice for a refused question, in the asker's language. */
export function slowDownText(
  reason: 'repeat' | 'user' | 'channel',
  retryAfterMs: number,
  lang: Lang,
): string {
  if (reason === 'repeat') return SLOW_DOWN.repeat[lang];
  return SLOW_DOWN[reason][lang](Math.max(1, Math.ceil(retryAfterMs / 1000)));
}

/** What teaching says in Discord (staff-facing, in English like the staff channel's 👎 posts). */
export const TEACH_UI = {
  managersOnly: 'Only members with the Manage Server permission can teach the bot.',
  guildOnly: 'Teaching works inside a server, where the Manage Server permission can be checked.',
  unavailable:
    'Teaching is not available on this bot: it has no database for learned phrasings (see the log).',
  suggestionTitle: 'Questions I could not answer well: which fact answers them?',
  suggestionIntro: (count: number) =>
    `Asked ${count} time${count === 1 ? '' : 's'}. Pick the fact that answers these questions and I will answer them with it from now on (the answer text does not change).`,
  questions: 'Questions',
  why: 'Why',
  decision: 'Decision',
  reasons: (r: { declined: number; lowConfidence: number; downvoted: number }) =>
    [
      r.declined ? `declined ${r.declined}` : '',
      r.lowConfidence ? `unsure answer ${r.lowConfidence}` : '',
      r.downvoted ? `👎 ${r.downvoted}` : '',
    ]
      .filter(Boolean)
      .join(', ') || '—',
  placeholder: 'Which fact answers these questions?',
  none: 'None of these facts',
  noneHint: 'Leave them; /teach can pick another fact',
  unanswerable: 'Not answerable from the knowledge base',
  unanswerableHint: 'No fact answers them; do not suggest them again',
  decidedTaught: (factId: string, actor: string) => `Taught as phrasings of \`${factId}\` by ${actor}.`,
  decidedNone: (actor: string) => `None of these facts, said ${actor}. Not suggested again.`,
  decidedUnanswerable: (actor: string) =>
    `Not answerable from the knowledge base, said ${actor}. Not suggested again.`,
  refusedLine: (reason: string) => `Not learned: ${reason}`,
  alreadyDecided: 'This suggestion was already decided.',
  gone: 'This suggestion is no longer in the database.',
  nothingTaught: 'None of these questions could be taught to that fact:',
} as const;
