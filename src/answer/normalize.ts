// Text -> comparable tokens: case, accents, punctuation and spacing folded; synonyms and multi-word
// names collapsed to one canonical token; stopwords dropped. Pure and shared by index and query.

// The brain normalizes a question several times (empty check, small talk, language, matching): the
// last result is kept so the same text is worked on once.
let lastText = '';
let lastNormalized = '';

/** Lower case, no accents, apostrophes folded, anything but letters and digits turned into single spaces. */
export function normalize(text: string): string {
  if (text === lastText) return lastNormalized;
  lastNormalized = fold(text);
  lastText = text;
  return lastNormalized;
}

function fold(text: string): string {
  // Most text is plain ASCII: skip the Unicode decomposition, the costliest step, when it can change nothing.
  const ascii = !/[^\x20-\x7e]/.test(text);
  const folded = ascii ? text : text.normalize('NFKD').replace(/\p{M}/gu, '');
  return (
    folded
      .toLowerCase()
      .replace(/n['’`]t\b/g, ' not')
      .replace(/\b(is|are|was|were|does|do|did|has|have|had|can|could|would|should|wo)nt\b/g, '$1 not')
      .replace(/['’`]s\b/g, '')
      // Idioms holding a date word that ask no date: "when it comes to diplomacy" is "about diplomacy".
      .replace(/\bwhen it comes to\b/g, 'about')
      .replace(/\bcuando se trata de\b/g, 'sobre')
      // Filler that would read as content: "at all", "at some point", "para nada".
      .replace(/\b(at all|at some point|para nada)\b/g, ' ')
      // A split phrasal verb: "held Mexico back" is "held back" Mexico.
      .replace(/\b(hold|holds|held|holding) (\w+(?: \w+)?) back\b/g, '$1 back $2')
      // "Name the organizations..." asks for a list, it is not about a name.
      .replace(/^name (the|all|some|every)\b/, '$1')
      .replace(/['’`]/g, '')
      .replace(ascii ? /[^a-z0-9]+/g : /[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

export const words = (text: string): string[] => {
  const n = normalize(text);
  return n ? n.split(' ') : [];
};

/**
 * Words that carry no meaning for matching, in English and Spanish. Question words that change what
 * is asked (why, when, how, who, where, which) are kept on purpose: "when was NATO founded" must not
 * look like "is Mexico in NATO".
 */
export const STOPWORDS = new Set(
  (
    'a an the is are was were be been being am do does did done doing have has had having of to in on at by for ' +
    'with from into onto about as and or but if so than then there here this that these those it its they them ' +
    'their theirs he she his her we our you your yours i me my mine please tell know say said can could would ' +
    'should will shall may might must any some also just really actually currently still yet ever now today ' +
    'anything something thing things hey bot okay ok pls plz like kind sort get got let lets want wanna gonna ' +
    'explain show give info information quick question q curious wondering asking idea anyone somebody someone ' +
    'exactly actually even basically anyway whether sure so too very that which one ones right true correct ' +
    'el la los las un una unos unas de del al a en y o u e que es son fue era esta estan estar este esto ' +
    'ese eso su sus se lo le les me mi mis te tu tus con por para sobre como hay ha han he ser sido muy mas ' +
    'ya tambien pero si no ni nos algo alguna alguno algun favor dime decir saber sabes puedes podrias quiero ' +
    'quiz quizzes exam exams class essay school teacher professor examen clase escuela ensayo profe maestro maestra ' +
    'pregunta preguntita rapida rapido duda nada dame says ' +
    'homework tarea tio tia neta wey guey bro dude mate lol haha jaja xd time onda ' +
    'fr tbh ngl btw idk imo srsly rn lmao omg oigan porfa plis assignment among amongst ' +
    'wrong false incorrect stuff getting gets gotten tema temas asunto asuntos issue issues list enumerate mention nombra menciona enumera lista ' +
    'broadly generally speaking honestly seriously overall ' +
    'buddy pal swear swears swore claim claims reckon reckons heard hear insist insists dice dicen escuche ' +
    'tiene tienen tener tenga tengan tenido tenia tenian ' +
    'oye hola bot exactamente realmente actualmente basicamente entonces pues bueno oiga acaso verdad cierto'
  ).split(' '),
);

/**
 * Light verbs: everyday verbs that carry little meaning of their own ("make friends", "used to call",
 * "sit at the table"). They still count, but less: a rare word the knowledge base has never seen
 * weighs as much as its rarest, and a light verb must not sink a question that is otherwise clear.
 */
export const LIGHT_WORDS = new Set(
  (
    'make makes making made go goes going went gone come comes coming came take takes taking took taken ' +
    'put puts putting use uses using used call calls calling called leave leaves leaving left sit sits sitting sat ' +
    'shows showing showed shown find finds finding found look looks looking looked seem seems seemed ' +
    'keep keeps keeping kept stay stays staying stayed turn turns turned bring brings brought ' +
    'hace hacen hacer hizo hecho va van ir sale salir pone poner usa usar llama llaman llamado'
  ).split(' '),
);

/** Words that only say a question is being asked: a question made of nothing else asks nothing. */
export const QUESTION_WORDS = new Set([
  'what',
  'why',
  'how',
  'who',
  'which',
  'whats',
  'cual',
  'cuales',
  'quien',
  'quienes',
  'como',
]);

/** Light plural folding for ordinary words: "agreements" -> "agreement", "countries" -> "country". */
export function singular(word: string): string {
  if (word.length <= 4) return word;
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** Maps words and phrases to canonical tokens, longest phrase first. */
export class PhraseTable {
  private readonly phrases = new Map<string, string>();
  /** First word of a phrase -> the most words a phrase starting with it has. */
  private readonly longest = new Map<string, number>();
  /** Two words that follow each other in some phrase, as "a b". */
  private readonly pairs = new Set<string>();
  /** "* b" -> the words that come before b in a phrase; "a *" -> the words that come after a. */
  private readonly neighbours = new Map<string, string[]>();

  add(variant: string, canonical: string): void {
    const key = normalize(variant);
    if (!key) return;
    if (!this.phrases.has(key)) this.phrases.set(key, canonical);
    const ws = key.split(' ');
    this.longest.set(ws[0]!, Math.max(this.longest.get(ws[0]!) ?? 0, ws.length));
    for (let i = 0; i + 1 < ws.length; i++) {
      const [a, b] = [ws[i]!, ws[i + 1]!];
      if (this.pairs.has(`${a} ${b}`)) continue;
      this.pairs.add(`${a} ${b}`);
      for (const [slot, word] of [
        [`* ${b}`, a],
        [`${a} *`, b],
      ] as const) {
        const list = this.neighbours.get(slot);
        if (list) list.push(word);
        else this.neighbours.set(slot, [word]);
      }
    }
  }

  /** Whether "a b" occurs inside some phrase. */
  hasPair(a: string, b: string): boolean {
    return this.pairs.has(`${a} ${b}`);
  }

  /** The words that complete a phrase next to a known word: ("*", "nations") -> ["united"]. */
  completions(a: string, b: string): readonly string[] {
    return this.neighbours.get(`${a} ${b}`) ?? [];
  }

  /** Every word that appears in any phrase: part of the vocabulary typo correction aims at. */
  words(): Set<string> {
    const out = new Set<string>();
    for (const key of this.phrases.keys()) for (const w of key.split(' ')) out.add(w);
    return out;
  }

  /** One word's canonical token, trying its singular too: "pacts" -> "pact", "militares" -> "militar". */
  private single(w: string): string | undefined {
    return (
      this.phrases.get(w) ??
      this.phrases.get(singular(w)) ??
      (w.length > 5 && w.endsWith('es') ? this.phrases.get(w.slice(0, -2)) : undefined)
    );
  }

  /** Greedy longest match: ["north","atlantic","treaty","organization"] -> ["nato"]. */
  apply(ws: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < ws.length;) {
      const longest = this.longest.get(ws[i]!) ?? (this.single(ws[i]!) !== undefined ? 1 : 0);
      const max = Math.min(longest, ws.length - i);
      let matched = 0;
      for (let n = max; n >= 1 && !matched; n--) {
        const canonical = n === 1 ? this.single(ws[i]!) : this.phrases.get(ws.slice(i, i + n).join(' '));
        if (canonical !== undefined) {
          out.push(canonical);
          matched = n;
        }
      }
      if (matched) i += matched;
      else out.push(ws[i++]!);
    }
    return out;
  }
}
