// Text -> comparable text: case, accents, punctuation and spacing folded. Shared by the knowledge
// layer (unique phrasings) and the brain (matching), so both compare the same way. Pure.

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
      // A split phrasal verb: "held the country back" is "held back" the country.
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
