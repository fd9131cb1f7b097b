// A Brain whose knowledge can be replaced while the bot runs. A reload builds a complete new brain
// first and swaps it in with one assignment, so a question is always answered by one whole knowledge
// base, never a half-loaded one; if building fails, the previous brain keeps serving. No I/O here:
// the caller passes the function that loads and builds.
import type { Brain } from './types.js';

export type ReloadResult =
  | { ok: true; facts: number; ms: number }
  | {
      ok: false;
      error: Error;
      /** One line per problem, naming file, fact and field where known. */ problems: string[];
    };

export interface ReloadableBrain extends Brain {
  /** Rebuilds from the source; on failure nothing changes. */
  reload(): ReloadResult;
  /** How many successful reloads have happened. */
  readonly generation: number;
}

/** `build` runs once now (and throws, so start-up fails fast) and again on every reload. */
export function createReloadableBrain(build: () => Brain): ReloadableBrain {
  let current = build();
  let generation = 0;
  return {
    ask: (question, options) => current.ask(question, options),
    complete: (input, options) => current.complete(input, options),
    answerFact: (factId, options) => current.answerFact(factId, options),
    facts: () => current.facts(),
    detectLang: (text, locale) => current.detectLang(text, locale),
    get factCount() {
      return current.factCount;
    },
    get persona() {
      return current.persona;
    },
    get domain() {
      return current.domain;
    },
    get generation() {
      return generation;
    },
    reload() {
      const started = performance.now();
      try {
        const next = build();
        current = next;
        generation += 1;
        return { ok: true, facts: next.factCount, ms: Math.round(performance.now() - started) };
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        const problems = (err as { problems?: unknown }).problems;
        return {
          ok: false,
          error,
          problems: Array.isArray(problems) ? problems.map(String) : [error.message],
        };
      }
    },
  };
}
