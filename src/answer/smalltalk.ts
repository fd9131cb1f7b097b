// Greetings, thanks and "who are you": a short friendly reply that says what the bot can answer,
// never a random fact. Recognised only when the whole message is small talk. The words and patterns
// are each language's (lang/*.yaml), the replies the knowledge base's persona (persona.yaml).
import type { SmallTalkKind } from '../knowledge/schema.js';
import type { Lexicon } from './lexicon.js';
import { normalize } from './normalize.js';
import type { Lang } from './types.js';

export type { SmallTalkKind } from '../knowledge/schema.js';

export interface SmallTalk {
  kind(question: string): SmallTalkKind | null;
  reply(kind: SmallTalkKind, lang: Lang): string;
}

export function smallTalkOf(lexicon: Lexicon): SmallTalk {
  const patterns = lexicon.smallTalkPatterns.map(([kind, source]): [SmallTalkKind, RegExp] => [
    kind,
    new RegExp(source),
  ]);
  const { stopwords, smallTalkWords, questionStarts, questionWords } = lexicon;
  // "what" and "how" open "what's up" and "how are you", but a message needs a word that only greets
  // (or thanks, or says goodbye) to be small talk: "what does it do?" asks something.
  const asking = (w: string) => questionStarts.has(w) || questionWords.has(w);
  return {
    kind(question) {
      const n = normalize(question);
      if (!n) return null;
      for (const [kind, re] of patterns) if (re.test(n)) return kind;
      const ws = n.split(' ');
      for (const kind of ['thanks', 'bye', 'greeting'] as const) {
        const set = smallTalkWords[kind];
        // A small word of the list ("it" of "appreciate it") marks small talk only as the whole message:
        // "wait is it in the UN?" asks something.
        const marks = (w: string) => set.has(w) && !asking(w) && (ws.length === 1 || !stopwords.has(w));
        if (ws.some(marks) && ws.every((w) => set.has(w) || stopwords.has(w))) return kind;
      }
      return null;
    },
    reply: (kind, lang) => lexicon.persona.smalltalk[kind][lang],
  };
}
