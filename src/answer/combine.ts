// Several answers to one message -> one Answer: each fact's answer in the order asked, then a
// sentence for each part the knowledge base cannot answer. factIds lists every fact used (factId is
// the first); the sources and related questions are those of all the facts, once each.
import { fill } from './lexicon.js';
import type { Persona } from '../knowledge/schema.js';
import type { Answer, Lang } from './types.js';

export function combineAnswers(
  base: { question: string; lang: Lang; truncated: boolean },
  answers: readonly Answer[],
  unanswered: readonly string[],
  persona: Persona,
): Answer {
  const first = answers[0]!;
  const factIds = answers.flatMap((a) => a.factIds);
  const seenSources = new Set<string>();
  const sources = answers
    .flatMap((a) => a.sources)
    .filter((s) => {
      const key = `${s.url}\u0000${s.section}`;
      if (seenSources.has(key)) return false;
      seenSources.add(key);
      return true;
    });
  const seenRelated = new Set(factIds);
  const related = answers
    .flatMap((a) => a.related)
    .filter((r) => !seenRelated.has(r.factId) && seenRelated.add(r.factId));
  const declined = unanswered.map((part) => fill(persona.messages.partDeclined[base.lang], { part }));
  return {
    ...first,
    question: base.question,
    text: [...answers.map((a) => a.text), ...declined].join('\n\n'),
    confidence: Math.min(...answers.map((a) => a.confidence)),
    factIds,
    sources,
    related,
  };
}
