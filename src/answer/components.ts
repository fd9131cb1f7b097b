// The parts of the brain's path that `npm run eval` switches off one at a time (its ablation table),
// so each shows what it earns on the evaluation sets. The shipped brain has every one on.

export const COMPONENTS = {
  exact: 'exact phrasings: a question with the same words as a phrasing gets its fact at once',
  typos: 'typo correction against the knowledge base’s vocabulary (symmetric-delete edit distance)',
  synonyms: 'synonym groups (knowledge/synonyms.yaml): "trade deal" and "agreement" are one token',
  'answer-words': 'words of the answers indexed too, at half weight (else only questions and keywords)',
  fuse: 'Fuse.js: its character-level score of the two leading candidates’ closest phrasings',
  'entity-guard': 'only facts about every entity named may answer; unknown entities are declined',
  focus: 'a question asking when, where, how many, who or for an opinion needs a fact that answers that',
  parts: 'long and multi-part messages read sentence by sentence and part by part',
  'follow-ups': 'a question read after the previous ones of the conversation',
} as const;

export type Component = keyof typeof COMPONENTS;

export interface BrainOptions {
  /** Components switched off (the ablation in `npm run eval`); none in the shipped brain. */
  off?: readonly Component[];
}
