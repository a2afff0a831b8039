import { posix } from 'node:path';
import { stripInline } from './plain-text.ts';

export interface DocLink {
  target: string;
  anchor?: string;
  text: string;
}

/** Longest link text, code span and destination looked at: bounds the work on text full of unclosed markers. */
const MAX_TEXT = 500;
const MAX_SPAN = 2000;
const DEFINITION = /^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

const normalizeLabel = (label: string): string => label.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Reference definitions (`[label]: target`) of the visible lines, by normalized label; the first definition of
 * a label wins, as in CommonMark. Definition lines are blanked in `lines` so they are not read as text.
 */
export function takeDefinitions(lines: string[]): Map<string, string> {
  const defs = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const m = DEFINITION.exec(lines[i]!);
    if (!m) continue;
    const label = normalizeLabel(m[1]!);
    if (!defs.has(label)) defs.set(label, m[2]!);
    lines[i] = '';
  }
  return defs;
}

/** Index just past the code span opening at `i`, or -1 when the backticks are not closed (nearby). */
function skipCodeSpan(text: string, i: number): number {
  let n = 0;
  while (text[i + n] === '`') n++;
  const fence = '`'.repeat(n);
  let from = i + n;
  for (;;) {
    const close = text.indexOf(fence, from);
    if (close < 0 || close - i > MAX_SPAN) return -1;
    if (text[close + n] !== '`') return close + n;
    from = close + n;
    while (text[from] === '`') from++;
  }
}

/** Index of the ']' closing the '[' at `open`, honouring nesting, escapes and code spans; -1 if none. */
function closeBracket(text: string, open: number): number {
  let depth = 0;
  const limit = Math.min(text.length, open + MAX_TEXT);
  for (let i = open; i < limit; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '`') {
      const end = skipCodeSpan(text, i);
      if (end > 0) i = end - 1;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

/** `(destination "title")` starting at `open`: the destination and the index past ')', or undefined. */
function inlineDestination(text: string, open: number): { dest: string; end: number } | undefined {
  let i = open + 1;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++;
  let dest: string;
  if (text[i] === '<') {
    const close = text.indexOf('>', i);
    if (close < 0 || text.slice(i, close).includes('\n')) return undefined;
    dest = text.slice(i + 1, close);
    i = close + 1;
  } else {
    const start = i;
    let depth = 0;
    const limit = Math.min(text.length, start + MAX_SPAN);
    for (; i < limit; i++) {
      const c = text[i]!;
      if (c === '\\') i++;
      else if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (c === ' ' || c === '\t' || c === '\n') break;
    }
    dest = text.slice(start, i);
  }
  // An optional title in quotes or parentheses; only its end matters.
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++;
  const quote = text[i];
  if (quote === '"' || quote === "'" || quote === '(') {
    const close = text.indexOf(quote === '(' ? ')' : quote, i + 1);
    if (close < 0) return undefined;
    i = close + 1;
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++;
  }
  return text[i] === ')' ? { dest, end: i + 1 } : undefined;
}

/**
 * Every link of visible Markdown text (code blocks and comments already blanked): inline `[text](dest)`, full
 * `[text][label]`, collapsed `[text][]` and shortcut `[text]` references. Images are not links.
 */
export function scanLinks(
  text: string,
  defs: Map<string, string>,
  visit: (text: string, dest: string) => void,
): void {
  let nextClose = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      const end = skipCodeSpan(text, i);
      if (end > 0) i = end - 1;
      continue;
    }
    if (c !== '[') continue;
    if (nextClose < i) nextClose = text.indexOf(']', i);
    if (nextClose < 0) return; // no ']' left: no more links
    if (nextClose - i > MAX_TEXT) continue;
    const close = closeBracket(text, i);
    if (close < 0) continue;
    const isImage = i > 0 && text[i - 1] === '!';
    const inner = text.slice(i + 1, close);
    const next = text[close + 1];
    let dest: string | undefined;
    let end = close + 1;
    if (next === '(') {
      const parsed = inlineDestination(text, close + 1);
      if (parsed) {
        dest = parsed.dest;
        end = parsed.end;
      }
    } else if (next === '[') {
      const labelEnd = text.indexOf(']', close + 2);
      if (labelEnd > 0) {
        const label = text.slice(close + 2, labelEnd);
        dest = defs.get(normalizeLabel(label.trim() === '' ? inner : label));
        end = labelEnd + 1;
      }
    } else {
      dest = defs.get(normalizeLabel(inner));
    }
    if (dest === undefined) continue; // not a link: brackets in prose ("fs.open(path[, flags])") are read past
    if (!isImage) visit(stripInline(inner).replace(/\s+/g, ' ').trim(), dest);
    i = end - 1;
  }
}

/**
 * A link destination as a collection-relative posix path plus anchor, or undefined for external URLs, links to
 * the same page (`#anchor`) and paths that leave the collection. `/x.md` is taken from the collection root.
 */
export function resolveLink(
  fromPath: string,
  rawDest: string,
): { target: string; anchor?: string } | undefined {
  let dest = rawDest.trim();
  if (dest.startsWith('<') && dest.endsWith('>')) dest = dest.slice(1, -1).trim();
  if (dest === '' || dest.startsWith('//') || SCHEME.test(dest)) return undefined;
  const hash = dest.indexOf('#');
  let path = hash >= 0 ? dest.slice(0, hash) : dest;
  let anchor = hash >= 0 ? dest.slice(hash + 1) : '';
  const query = path.indexOf('?');
  if (query >= 0) path = path.slice(0, query);
  if (path === '') return undefined;
  path = decode(path.replace(/\\/g, '/'));
  anchor = decode(anchor);
  const joined = path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(fromPath), path);
  const target = posix.normalize(joined).replace(/\/+$/, '');
  if (target === '' || target === '.' || target === '..' || target.startsWith('../')) return undefined;
  return anchor ? { target, anchor } : { target };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
