import { toPlainText } from './plain-text.ts';
import { stem } from './stem.ts';
import { forEachToken, headKey, type TokenFilter } from './tokenize.ts';

/** Sections up to this size are converted whole; longer ones only around their best passage. */
const WHOLE = 400;
/** Characters of Markdown searched for the best passage: bounds the work per hit. */
const MAX_SOURCE = 30_000;
const MAX_MATCHES = 400;
/** Context kept before the first matching word. */
const LEAD = 40;

/** The terms a snippet centres on, with a pre-check on their first letters so most words are never made. */
export interface SnippetTerms {
  terms: ReadonlySet<string>;
  filter: TokenFilter;
}

export function snippetTerms(terms: Iterable<string>): SnippetTerms {
  const set = new Set(terms);
  const heads = new Set([...set].map((t) => headKey(t)));
  return { terms: set, filter: (text, start, end) => heads.has(headKey(text, start, end)) };
}

/** Start offsets and terms of the words of `text` that match, in order. */
function matches(text: string, wanted: SnippetTerms): { starts: number[]; terms: string[] } {
  const starts: number[] = [];
  const terms: string[] = [];
  forEachToken(
    text,
    (word, _compound, _chunk, start) => {
      if (starts.length >= MAX_MATCHES) return;
      const term = stem(word);
      if (wanted.terms.has(term)) {
        starts.push(start);
        terms.push(term);
      }
    },
    wanted.filter,
  );
  return { starts, terms };
}

const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c > 127;

/**
 * Where the terms roughly occur in long Markdown, found with indexOf rather than by tokenizing it all: a term
 * (without the 'e' or 'y' a stem may have gained) at the start of a word or a camelCase hump. Good enough to
 * choose which lines to convert; the snippet itself is placed on exact matches.
 */
function roughMatches(source: string, wanted: SnippetTerms): { starts: number[]; terms: string[] } {
  const lower = source.toLowerCase();
  const found: [number, string][] = [];
  for (const term of wanted.terms) {
    const key = term.length > 3 ? term.replace(/[ey]$/, '') : term;
    let hits = 0;
    for (
      let at = lower.indexOf(key);
      at >= 0 && hits < MAX_MATCHES;
      at = lower.indexOf(key, at + key.length)
    ) {
      const c = source.charCodeAt(at);
      if (at === 0 || !isWordCode(lower.charCodeAt(at - 1)) || (c >= 65 && c <= 90)) {
        found.push([at, term]);
        hits++;
      }
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  return { starts: found.map((f) => f[0]), terms: found.map((f) => f[1]) };
}

/** Where the window of `width` characters holding the most distinct terms (then the most matches) starts. */
function bestStart(starts: number[], terms: string[], width: number): number {
  let best = -1;
  let bestScore = -1;
  const inWindow = new Set<string>();
  for (let i = 0; i < starts.length; i++) {
    inWindow.clear();
    let count = 0;
    for (let j = i; j < starts.length && starts[j]! < starts[i]! + width - LEAD; j++) {
      inWindow.add(terms[j]!);
      count++;
    }
    const score = inWindow.size * 1000 + count;
    if (score > bestScore) {
      bestScore = score;
      best = starts[i]!;
    }
  }
  return best;
}

const lineEnd = (text: string, at: number): number => {
  if (at >= text.length) return text.length;
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
};

/**
 * About `width` characters of the section's plain text around the passage with the most distinct query terms
 * (the start of the text when none matches), cut at word boundaries, with '…' where text was left out.
 */
export function makeSnippet(markdown: string, wanted: SnippetTerms, width = 200): string {
  let from = 0;
  let to = markdown.length;
  if (markdown.length > WHOLE) {
    // Find the passage in the Markdown, then convert only the lines around it (more if markup ate the text).
    const source = markdown.length > MAX_SOURCE ? markdown.slice(0, MAX_SOURCE) : markdown;
    const raw = roughMatches(source, wanted);
    const at = Math.max(0, bestStart(raw.starts, raw.terms, width * 2));
    from = at <= LEAD * 2 ? 0 : markdown.lastIndexOf('\n', at - LEAD * 2) + 1;
    to = lineEnd(markdown, at + width * 2);
  }
  let plain = toPlainText(markdown, from, to);
  while (plain.length < width + LEAD && to < markdown.length) {
    to = lineEnd(markdown, to + width * 2);
    plain = toPlainText(markdown, from, to);
  }
  if (plain.length <= width && from === 0 && to === markdown.length) return plain;
  const m = matches(plain, wanted);
  const start = Math.max(0, bestStart(m.starts, m.terms, width) - LEAD);
  return cut(plain, start, width, from > 0, to < markdown.length);
}

function cut(text: string, from: number, width: number, before: boolean, after: boolean): string {
  let start = from;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < from + LEAD ? space + 1 : start;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + width / 2) end = space;
  }
  const lead = start > 0 || before ? '…' : '';
  const tail = end < text.length || after ? '…' : '';
  return `${lead}${text.slice(start, end).trim()}${tail}`;
}
