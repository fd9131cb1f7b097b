// Greetings, thanks and "who are you": a short friendly reply that says what the bot can answer,
// never a random fact. Recognised only when the whole message is small talk.
import { normalize, STOPWORDS } from './normalize.js';
import type { Lang } from './types.js';

export type SmallTalkKind = 'greeting' | 'thanks' | 'bye' | 'identity' | 'help';

const PATTERNS: [SmallTalkKind, RegExp][] = [
  [
    'identity',
    /^(who|what) (are|r) (you|u)( exactly)?$|^(what is|whats|what) (your|ur) name$|^do you have a name$|^(quien|que) eres( tu)?$|^como te llamas$|^(cual es )?tu nombre$|^tienes nombre$|^are you (a )?(bot|human|robot|ai)$|^eres (un )?(bot|robot|humano)$/,
  ],
  [
    'help',
    /^(help|ayuda|commands|comandos|menu)( me| please| por favor)?$|^(can|could) (you|u) help( me)?( please)?$|^(me )?(puedes|podrias) ayudar(me)?$|^me ayudas$|^what (can|do) (you|u) (do|know|answer)$|^what can i ask( you)?$|^(que|q) (puedes|sabes) (hacer|responder)$|^(que|q) te puedo preguntar$|^how (does this|do you) work$|^como funcionas$/,
  ],
];

const WORDS: Record<Exclude<SmallTalkKind, 'identity' | 'help'>, Set<string>> = {
  greeting: new Set(
    'hi hello hey heya hiya howdy yo sup greetings morning afternoon evening good hola buenas buenos buen dia dias tardes noches saludos que tal onda quiubo quibo how are you doing whats up what qué como estas estás'.split(
      ' ',
    ),
  ),
  thanks: new Set(
    'thanks thank you thx ty tysm cheers appreciate appreciated it great awesome cool nice perfect gracias muchas mil muy amable genial excelente perfecto ok okay'.split(
      ' ',
    ),
  ),
  bye: new Set(
    'bye goodbye good night see you later cya adios chao chau hasta luego pronto nos vemos'.split(' '),
  ),
};

/** The kind of small talk the whole question is, or null when it asks something. */
export function smallTalkKind(question: string): SmallTalkKind | null {
  const n = normalize(question);
  if (!n) return null;
  for (const [kind, re] of PATTERNS) if (re.test(n)) return kind;
  const ws = n.split(' ');
  for (const kind of ['thanks', 'bye', 'greeting'] as const) {
    const set = WORDS[kind];
    if (ws.some((w) => set.has(w)) && ws.every((w) => set.has(w) || STOPWORDS.has(w))) return kind;
  }
  return null;
}

const EXAMPLES = {
  en: 'Try "Is Mexico in NATO?", "What is the USMCA?" or "Which organizations is Mexico a member of?"',
  es: 'Prueba con "¿México está en la OTAN?", "¿Qué es el T-MEC?" o "¿De qué organismos es miembro México?"',
};

const REPLIES: Record<SmallTalkKind, Record<Lang, string>> = {
  greeting: {
    en: `Hi! I answer questions about Mexico's international alliances: trade agreements, international organizations, cooperation, and whether Mexico is in NATO. ${EXAMPLES.en}`,
    es: `¡Hola! Respondo preguntas sobre las alianzas internacionales de México: acuerdos comerciales, organismos internacionales, cooperación y si México está en la OTAN. ${EXAMPLES.es}`,
  },
  thanks: {
    en: "You're welcome! Ask me anything else about Mexico's alliances.",
    es: '¡De nada! Pregúntame lo que quieras sobre las alianzas de México.',
  },
  bye: {
    en: 'Goodbye! Come back any time with questions about Mexico and its alliances.',
    es: '¡Hasta luego! Vuelve cuando quieras con preguntas sobre México y sus alianzas.',
  },
  identity: {
    en: `I'm a bot that answers questions about Mexico's international alliances, citing the article each answer comes from. ${EXAMPLES.en}`,
    es: `Soy un bot que responde preguntas sobre las alianzas internacionales de México y cita el artículo del que sale cada respuesta. ${EXAMPLES.es}`,
  },
  help: {
    en: `I can tell you about Mexico's trade agreements (USMCA, the Pacific Alliance), its membership of the UN, OAS and WTO, its cultural, scientific and environmental cooperation, and why it is not in NATO. ${EXAMPLES.en}`,
    es: `Puedo contarte sobre los acuerdos comerciales de México (T-MEC, Alianza del Pacífico), su membresía en la ONU, la OEA y la OMC, su cooperación cultural, científica y ambiental, y por qué no está en la OTAN. ${EXAMPLES.es}`,
  },
};

export const smallTalkReply = (kind: SmallTalkKind, lang: Lang): string => REPLIES[kind][lang];
