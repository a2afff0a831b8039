import { stem } from './stem.ts';

/** Longer tokens are hashes, keys and base64, not words anyone searches for. */
const MAX_TOKEN_LENGTH = 40;

/** Dropped from queries (unless a query is nothing but these); documents keep them. */
// biome-ignore format: a word list reads better packed
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'about', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'been', 'by', 'can', 'could', 'did', 'do',
  'does', 'for', 'from', 'had', 'has', 'have', 'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'me', 'my',
  'of', 'on', 'or', 'our', 'should', 'so', 'that', 'the', 'their', 'then', 'there', 'these', 'this', 'those',
  'to', 'us', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'who', 'why', 'will', 'with', 'would',
  'you', 'your',
]);

/**
 * Receives each token: `word` lowercase, not yet stemmed (`stem(word)` is the term the index stores, left to
 * the caller because not every caller needs it); `compound` marks the joined form of a multi-part identifier
 * ("billingapi" after "billing", "api"); `chunk` counts the identifiers of the text, so parts of one identifier
 * share it; start/end locate the token in the text.
 */
export type TokenSink = (word: string, compound: boolean, chunk: number, start: number, end: number) => void;

// 0 = not classified yet, 1 = part of a word, 2 = separator. Only characters above ASCII are classified lazily.
const charClass = new Uint8Array(65536);
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
for (let c = 0; c < 128; c++) {
  const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
  charClass[c] = word ? 1 : 2;
}
// Surrogate halves stay separators: astral characters (emoji, mostly) are not searched for.
charClass.fill(2, 0xd800, 0xe000);

function isWordChar(c: number): boolean {
  let k = charClass[c]!;
  if (k === 0) {
    k = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    charClass[c] = k;
  }
  return k === 1;
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSeparator = (c: number): boolean => c === 45 || c === 95;

// Part boundaries of the current chunk, reused between chunks: [start0, end0, start1, end1, ...].
let bounds = new Int32Array(64);

/** Splits text[start, end) at '-', '_' and camelCase humps ("HTTPServer" -> HTTP, Server); returns the count. */
function splitParts(text: string, start: number, end: number): number {
  let n = 0;
  let partStart = -1;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 45;
    if (isSeparator(c)) {
      if (partStart >= 0) n = pushPart(n, partStart, i);
      partStart = -1;
      continue;
    }
    if (partStart < 0) {
      partStart = i;
      continue;
    }
    if (isUpper(c)) {
      const prev = text.charCodeAt(i - 1);
      const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(next))) {
        n = pushPart(n, partStart, i);
        partStart = i;
      }
    }
  }
  return n;
}

function pushPart(n: number, start: number, end: number): number {
  if (2 * n + 2 > bounds.length) {
    const bigger = new Int32Array(bounds.length * 2);
    bigger.set(bounds);
    bounds = bigger;
  }
  bounds[2 * n] = start;
  bounds[2 * n + 1] = end;
  return n + 1;
}

/**
 * Decides from a token's span, before its string is made, whether the sink wants it: callers looking for a few
 * known terms skip most words of a text this way (see `headKey`).
 */
export type TokenFilter = (text: string, start: number, end: number) => boolean;

function emitChunk(
  text: string,
  start: number,
  end: number,
  chunk: number,
  sink: TokenSink,
  filter: TokenFilter | undefined,
): void {
  const parts = splitParts(text, start, end);
  if (parts === 0) return;
  const first = bounds[0]!;
  const last = bounds[2 * parts - 1]!;
  const compound = parts > 1 && (!filter || filter(text, first, last));
  let joined = '';
  for (let p = 0; p < parts; p++) {
    const s = bounds[2 * p]!;
    const e = bounds[2 * p + 1]!;
    const wanted = !filter || filter(text, s, e);
    if (!wanted && !compound) continue;
    const word = text.slice(s, e).toLowerCase();
    if (compound) joined += word;
    if (wanted && word.length >= 2 && word.length <= MAX_TOKEN_LENGTH) sink(word, false, chunk, s, e);
  }
  if (compound && joined.length >= 2 && joined.length <= MAX_TOKEN_LENGTH)
    sink(joined, true, chunk, first, last);
}

/**
 * Feeds every token of `text` to `sink` (or only those `filter` lets through). Identifiers count both ways:
 * `PostgresReplicationLag` gives postgres, replication, lag and postgresreplicationlag; `billing-api` and
 * `billing_api` give billing, api and billingapi. Returns the number of chunks (identifiers and words) seen.
 */
export function forEachToken(text: string, sink: TokenSink, filter?: TokenFilter): number {
  const n = text.length;
  let chunk = 0;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWordChar(text.charCodeAt(i))) i++;
    emitChunk(text, start, i, chunk, sink, filter);
    chunk++;
  }
  return chunk;
}

const lowerCode = (c: number): number => {
  if (c >= 65 && c <= 90) return c + 32;
  return c < 128 ? c : String.fromCharCode(c).toLowerCase().charCodeAt(0);
};

/**
 * A key of the first three letters of text[start, end), lowercased, '-' and '_' skipped: the same for a word,
 * its stem (stems only change endings) and the joined form of an identifier, so it pre-checks any of them.
 */
export function headKey(text: string, start = 0, end = text.length): number {
  let key = 0;
  let n = 0;
  for (let i = start; i < end && n < 3; i++) {
    const c = text.charCodeAt(i);
    if (isSeparator(c)) continue;
    key = (key << 10) | (lowerCode(c) & 0x3ff);
    n++;
  }
  return key;
}

/** The terms of a text, in order (with repeats): for tests and small texts. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (word) => out.push(stem(word)));
  return out;
}
