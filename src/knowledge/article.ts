// The source article as text, split into its sections, so the knowledge can be checked against what
// the article really says (src/knowledge/fidelity.ts). The file is the one given with the article:
// a short header (title, address, the sections in order, with "(introduction)" and "(conclusion)"
// for the untitled opening and closing paragraphs), a marker line, then the text as received.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the article is given: shared/source/article.txt beside the repository. */
export const DEFAULT_ARTICLE_PATH = fileURLToPath(new URL('../../../shared/source/article.txt', import.meta.url));

export interface ArticleSection {
  /** The heading as printed, or "(introduction)" / "(conclusion)" for an untitled part. */
  name: string;
  titled: boolean;
  text: string;
}

export interface Article {
  title: string;
  url: string;
  sections: ArticleSection[];
  /** Every section's text, with its heading, in order. */
  text: string;
}

const MARKER = /^-+ text as received -+$/m;

export class ArticleError extends Error {
  override name = 'ArticleError';
}

const header = (head: string, label: string): string => {
  const m = new RegExp(`^${label}[^:]*:\\s*(.+)$`, 'm').exec(head);
  if (!m) throw new ArticleError(`the article file has no "${label}" line`);
  return m[1]!.trim();
};

/** Parses the article file's text. Paragraphs are split on blank lines; a run of two or more blank
 * lines before the last part marks where the untitled closing paragraphs begin. */
export function parseArticle(raw: string): Article {
  const marker = MARKER.exec(raw);
  if (!marker) throw new ArticleError('the article file has no "text as received" line');
  const head = raw.slice(0, marker.index);
  const body = raw.slice(marker.index + marker[0].length).replace(/\r\n/g, '\n');
  const names = header(head, 'Sections')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const headings = names.filter((n) => !n.startsWith('('));

  const parts = body.trim().split(/\n{3,}/);
  const closing = names.at(-1) === '(conclusion)' && parts.length > 1 ? parts.pop()! : '';
  const sections: ArticleSection[] = [];
  let current: ArticleSection = { name: names[0] ?? '(introduction)', titled: false, text: '' };
  for (const para of parts.join('\n\n').split(/\n{2,}/).map((p) => p.trim())) {
    if (headings.includes(para)) {
      if (current.text || current.titled) sections.push(current);
      current = { name: para, titled: true, text: '' };
    } else current.text += (current.text ? '\n\n' : '') + para;
  }
  sections.push(current);
  if (closing) sections.push({ name: '(conclusion)', titled: false, text: closing.trim() });
  for (const h of headings)
    if (!sections.some((s) => s.name === h)) throw new ArticleError(`the heading "${h}" is not in the text`);

  const text = sections.map((s) => (s.titled ? `${s.name}\n\n${s.text}` : s.text)).join('\n\n');
  return { title: header(head, 'Title'), url: header(head, 'Address'), sections, text };
}

export const readArticle = (path: string): Article => parseArticle(readFileSync(path, 'utf8'));

/**
 * The text a link's fragment points at (`#:~:text=start` or `#:~:text=start,end`, with optional
 * `prefix-,` and `,-suffix`), decoded; null when the address has no text fragment.
 */
export function textFragment(url: string): { start: string; end: string | null } | null {
  const at = url.indexOf('#:~:text=');
  if (at < 0) return null;
  const parts = url
    .slice(at + '#:~:text='.length)
    .split('&')[0]!
    .split(',');
  const words = parts.filter((p) => !p.endsWith('-') && !p.startsWith('-'));
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  if (!words.length) return null;
  return { start: decode(words[0]!), end: words[1] ? decode(words[1]) : null };
}

/** The section a text fragment lands in, or null when the fragment's text is not in the article. */
export function sectionOfFragment(article: Article, fragment: { start: string; end: string | null }) {
  for (const s of article.sections) {
    const from = s.text.indexOf(fragment.start);
    if (from < 0) continue;
    if (fragment.end && s.text.indexOf(fragment.end, from + fragment.start.length) < 0) continue;
    return s;
  }
  return null;
}
