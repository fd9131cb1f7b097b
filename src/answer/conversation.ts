// A message (and the conversation before it) -> the question parts to match, each analysed and read
// in its context. Several sentences: the ones that ask, with the entities context sentences name.
// One sentence: split where a conjunction joins two questions ("is X in A and B?", "what is A, and
// who is in it?"), but only where both halves still ask something. A conversation: the first part
// of a follow-up ("why not?", "and B?", "what about Y?") is read after the previous question.
// Pure; every word it relies on is each language's data (lang/*.yaml).
import type { Analysis, Analyzer } from './analyze.js';
import { opensAsQuestion, type Lexicon } from './lexicon.js';
import { normalize } from './normalize.js';
import {
  carried,
  followUpOpening,
  refersBack,
  isElliptical,
  lendContext,
  namesAny,
  replacesAny,
  resolveAfter,
  substitute,
  topicTokens,
} from './resolve.js';
import { hasSeveralSentences, segmentMessage, type Segment } from './segment.js';
import type { Lang } from './types.js';

export interface Part {
  /** The part as the user wrote it (normalized when it comes from splitting a sentence). */
  shown: string;
  analysis: Analysis;
  /** Read after the previous question of the conversation (a follow-up). */
  followUp: boolean;
  /** When not a follow-up opening ("what about"), the part may stand alone: try it alone too. */
  standalone: Analysis | null;
  /**
   * Its reading in context wins unless that answers nothing: it points back at what was said before
   * ("how did that help?", lang/*.yaml references), or is the second half of one sentence. Otherwise
   * the better-scoring reading wins.
   */
  contextFirst?: boolean;
}

export interface PartsContext {
  analyzer: Analyzer;
  lexicon: Lexicon;
  isSmallTalk(text: string): boolean;
  /** Read every message as one part (the eval's ablation of 'parts'). */
  whole?: boolean;
}

/** The most question parts one message is read as. */
export const MAX_PARTS = 6;

/** How many earlier questions of a conversation are read to resolve a follow-up. */
export const MAX_HISTORY = 4;

const startsAsQuestion = (lexicon: Lexicon, text: string) => opensAsQuestion(lexicon, normalize(text));

/** Whether a message may hold more than one question (cheap: the hot path for one plain question). */
export function mayHoldSeveral(text: string, lexicon: Lexicon): boolean {
  if (hasSeveralSentences(text)) return true;
  for (const w of normalize(text).split(' ')) if (lexicon.conjunctions.has(w)) return true;
  return false;
}

/** The question parts of a message; [] when it holds nothing to match (then the whole is matched). */
export function questionParts(
  ctx: PartsContext,
  text: string,
  lang: Lang,
  history: readonly string[] = [],
): Part[] {
  const { lexicon } = ctx;
  if (ctx.whole) {
    const previous = history.length ? conversationSoFar(ctx, history.slice(-MAX_HISTORY), lang) : null;
    const part: Part = {
      shown: text,
      analysis: ctx.analyzer.analyze(text, lang),
      followUp: false,
      standalone: null,
    };
    return previous ? [asFollowUp(ctx, part, previous, lang)] : [part];
  }
  const sentences = withTagsJoined(
    ctx,
    (hasSeveralSentences(text) ? segmentMessage(text, lexicon) : [{ text, question: true }]).filter(
      (s) => normalize(s.text) && !ctx.isSmallTalk(s.text),
    ),
    lang,
  );
  const questions = sentences.some((s) => s.question) ? sentences.filter((s) => s.question) : sentences;
  // A request made only of small words ("Can you give me that?") asks for the question before it.
  const ownWords = (s: Segment) => ctx.analyzer.analyze(s.text, lang, false).tokens.length > 0;
  const asking = (questions.some(ownWords) ? questions.filter(ownWords) : questions)
    // The same sentence twice is one question; a message asks a few at most (2,000 characters of "and"
    // must not cost a match each).
    .filter((s, i, all) => all.findIndex((o) => normalize(o.text) === normalize(s.text)) === i)
    .slice(0, MAX_PARTS);
  const parts: Part[] = [];
  for (const s of asking) {
    const own = splitSentence(
      ctx,
      s.text,
      borrows(ctx, s, lang) ? contextOf(ctx, s, sentences, lang) : NOTHING,
      lang,
    );
    // A later question opening as a follow-up ("is X in A? and what about Y?") or naming only a name
    // ("is X in A? B?") is read after the message's previous question, as after the previous message.
    const before = parts.at(-1);
    const bare = isElliptical(lexicon, own[0]!.analysis) && !startsAsQuestion(lexicon, s.text);
    if (before && (bare || followUpOpening(lexicon, normalize(s.text))))
      own[0] = asFollowUp(ctx, own[0]!, before.analysis, lang);
    parts.push(...own);
  }
  parts.splice(MAX_PARTS);
  const first = parts[0];
  const previous = history.length ? conversationSoFar(ctx, history.slice(-MAX_HISTORY), lang) : null;
  if (first && previous) parts[0] = asFollowUp(ctx, first, previous, lang);
  return parts;
}

/**
 * A question that asks nothing of its own after a statement ("X has no Y, ¿o sí?", "X is in Y. Right?")
 * is a tag on that statement: the two are read as one question.
 */
function withTagsJoined(ctx: PartsContext, sentences: Segment[], lang: Lang): Segment[] {
  const out: Segment[] = [];
  for (const s of sentences) {
    const before = out.at(-1);
    const asksNothing = () =>
      ctx.analyzer.analyze(s.text, lang, false).tokens.every((t) => ctx.lexicon.questionWords.has(t));
    if (before && !before.question && s.question && asksNothing())
      out[out.length - 1] = { text: `${before.text} ${s.text}`, question: true };
    else out.push(s);
  }
  return out;
}

/** The last question of a conversation, itself read after the ones before it. */
function conversationSoFar(ctx: PartsContext, history: readonly string[], lang: Lang): Analysis | null {
  let previous: Analysis | null = null;
  for (const question of history) {
    if (!normalize(question) || ctx.isSmallTalk(question)) continue;
    const last = splitSentence(ctx, question, NOTHING, lang).at(-1)!;
    previous = previous ? asFollowUp(ctx, last, previous, lang).analysis : last.analysis;
  }
  return previous;
}

/**
 * A part read after the previous question. Opening with a follow-up phrase ("what about", "and"):
 * always. Naming entities and asking nothing else ("Y?"): it takes the previous question. Naming
 * nothing ("why not?", "is it big?"): it borrows the previous question's entities, and may still
 * stand alone when that reads better.
 */
function asFollowUp(ctx: PartsContext, part: Part, previous: Analysis, lang: Lang): Part {
  const { lexicon, analyzer } = ctx;
  const normalized = normalize(part.shown);
  const opening = followUpOpening(lexicon, normalized);
  if (opening) {
    if (!opening.rest) return part;
    const rest = analyzer.analyze(opening.rest, lang);
    // "and why?" asks it of the previous question; "and what is B?" is a question of its own about B
    // (it borrows only the kinds of entity it lacks; so does "y qué es?", all small words); "and B?"
    // takes the previous question about B.
    const resolved =
      rest.tokens.length && asksOnlyAWord(lexicon, rest)
        ? askedAgain(lexicon, previous, rest)
        : startsAsQuestion(lexicon, opening.rest)
          ? lendContext(lexicon, previous, rest)
          : resolveAfter(lexicon, previous, rest);
    // Naming nothing and given nothing to borrow, a short question ("and what do they cover?") asks its
    // words of the previous question; a subject alone ("and the environment?") takes the previous one's place.
    const read =
      resolved === rest &&
      startsAsQuestion(lexicon, opening.rest) &&
      !namesAny(lexicon, rest) &&
      topicTokens(lexicon, rest).length <= 1
        ? askedAgain(lexicon, previous, rest)
        : resolved;
    return { ...part, analysis: read, followUp: true, standalone: null };
  }
  const own = part.analysis;
  const refers = refersBack(lexicon, normalized);
  // Asking nothing but a question word or a kind of answer ("why?", "like what?", "with which
  // countries?"): it asks that of the previous question, never alone. Pointing back with it ("what
  // is it?"), it asks about the previous question's entities instead.
  if (asksOnlyAWord(lexicon, own)) {
    const lent = refers ? lendContext(lexicon, previous, own) : own;
    const read = lent !== own ? lent : askedAgain(lexicon, previous, own);
    return { ...part, analysis: read, followUp: true, standalone: null };
  }
  if (!namesAny(lexicon, own)) {
    // Nothing to lend (the previous question named no entity but the home one): a part pointing back
    // at it ("how did that help?") asks its words of the previous question.
    const lent = lendContext(lexicon, previous, own);
    const read = lent === own && refers ? askedAgain(lexicon, previous, own) : lent;
    return { ...part, analysis: read, followUp: true, standalone: own, contextFirst: refers };
  }
  // A name taking the place of one of the previous question's ("and <place>?"); naming a kind the
  // previous question did not ("ok, <home> in <org>?" after a question naming none), it stands alone.
  if (
    isElliptical(lexicon, own) &&
    !startsAsQuestion(lexicon, normalized) &&
    replacesAny(lexicon, previous, own)
  )
    return { ...part, analysis: substitute(lexicon, previous, own), followUp: true, standalone: null };
  // Asking of a name and little else ("is Y in it?"): about the previous question's other kind of
  // entity, never a fact about Y the question did not ask for.
  if (isElliptical(lexicon, own)) {
    const read = lendContext(lexicon, previous, own);
    if (read !== own) return { ...part, analysis: read, followUp: true, standalone: null };
  }
  return part;
}

const NOTHING: Analysis = { tokens: [], entities: [], corrections: [] };

/**
 * Names nothing, not even the home entity, and asks nothing but a question word: "why?", "like what
 * kind?". ("is <home> in it?" names the home entity: it borrows the previous organization instead.)
 */
const asksOnlyAWord = (lexicon: Lexicon, a: Analysis): boolean =>
  !a.entities.length && !topicTokens(lexicon, a).length;

/** The previous question with `part`'s words added: "why?" after "is X big?" asks why X is big. */
function askedAgain(lexicon: Lexicon, previous: Analysis, part: Analysis): Analysis {
  const kept = carried(lexicon, previous);
  return {
    tokens: [...kept, ...part.tokens.filter((t) => !kept.includes(t))],
    entities: [...previous.entities, ...part.entities.filter((e) => !previous.entities.includes(e))],
    corrections: part.corrections,
  };
}

/**
 * Whether a question sentence reads the sentences before it: when it points back at them ("is <home>
 * in it?") or names nothing at all ("what are the benefits?"). One naming what it asks about ("what
 * alliances does <home> have?") is about that, whatever the context mentioned on the way.
 */
function borrows(ctx: PartsContext, sentence: Segment, lang: Lang): boolean {
  if (refersBack(ctx.lexicon, sentence.text)) return true;
  return !ctx.analyzer.analyze(sentence.text, lang, false).entities.length;
}

/**
 * The entities a sentence may borrow from the sentences before it: per kind (places, organizations),
 * those of the nearest earlier sentence naming one.
 */
function contextOf(
  ctx: PartsContext,
  sentence: Segment,
  sentences: readonly Segment[],
  lang: Lang,
): Analysis {
  let context = NOTHING;
  for (let i = sentences.indexOf(sentence) - 1; i >= 0; i--) {
    const earlier = ctx.analyzer.analyze(sentences[i]!.text, lang, false);
    // lendContext adds only the kinds a nearer sentence did not give.
    if (earlier.entities.length)
      context = lendContext(ctx.lexicon, { ...earlier, tokens: earlier.entities }, context);
  }
  return { ...context, tokens: context.entities };
}

/**
 * One sentence -> its questions: split at commas and conjunctions where each half still asks
 * something; a half naming only entities ("and B") takes the previous half's question, a half
 * asking on its own ("who is in it") borrows the previous half's entities. Anything else stays one part.
 */
function splitSentence(ctx: PartsContext, sentence: string, context: Analysis, lang: Lang): Part[] {
  const { lexicon, analyzer } = ctx;
  const part = (shown: string, analysis: Analysis): Part => ({
    shown,
    analysis,
    followUp: false,
    standalone: null,
  });
  const whole = part(sentence, lendContext(lexicon, context, analyzer.analyze(sentence, lang)));
  const pieces = piecesOf(sentence, lexicon).slice(0, MAX_PARTS);
  if (pieces.length < 2) return [whole];
  const parts: Part[] = [];
  let head: Analysis | null = null;
  for (const piece of pieces) {
    const own = analyzer.analyze(piece, lang);
    // Filler between commas ("so, ...", "ok, and ...") asks nothing.
    if (!own.tokens.length) continue;
    head ??= own;
    const previous = parts.at(-1);
    if (!previous) parts.push(part(piece, lendContext(lexicon, context, own)));
    else if (startsAsQuestion(lexicon, piece) && own.tokens.length > 0) {
      // "who is in it" reads the previous half's names; "where is your information from" may stand
      // alone, when read with them it answers nothing.
      const lent = part(piece, lendContext(lexicon, previous.analysis, own));
      parts.push(refersBack(lexicon, piece) ? lent : { ...lent, standalone: own, contextFirst: true });
    } else if (isElliptical(lexicon, own) && replacesAny(lexicon, previous.analysis, own))
      parts.push(part(piece, substitute(lexicon, previous.analysis, own, true)));
    // The home entity alone between two conjunctions ("..., and whether <home> also is in X") asks nothing
    // of its own: every question is about it.
    else if (isElliptical(lexicon, own) && !namesAny(lexicon, own)) continue;
    else return [whole];
  }
  // The first half must be a question of its own: "are X and Y in Z" is one question, and so is
  // "ok, and is X in Z" (what comes before the conjunction asks nothing), and "X also is in Z" (a
  // lone name asks nothing).
  if (parts.length < 2 || !head) return [whole];
  const asks =
    startsAsQuestion(lexicon, parts[0]!.shown) ||
    (head.entities.some((e) => e !== lexicon.home) && head.tokens.length > 1);
  return asks ? parts : [whole];
}

/** A sentence's pieces between commas and conjunctions, normalized. */
function piecesOf(sentence: string, lexicon: Lexicon): string[] {
  const pieces: string[] = [];
  for (const chunk of sentence.split(/\s*[,;]\s*/)) {
    let words: string[] = [];
    const close = () => {
      if (words.length) pieces.push(words.join(' '));
      words = [];
    };
    for (const w of normalize(chunk).split(' ')) {
      if (!w) continue;
      if (lexicon.conjunctions.has(w)) close();
      else words.push(w);
    }
    close();
  }
  return pieces;
}
