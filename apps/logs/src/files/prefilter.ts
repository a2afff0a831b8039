import { levelOf } from '../entry.ts';
import { scanErrorCandidates } from './error-scan.ts';

const NEWLINE = 0x0a;

/**
 * Which lines a scan decodes, decided on the raw bytes so that most lines cost no decoding at all: `select` emits,
 * in file order, the lines of buf[start, lastNewline] that may match, and answers how many lines the region holds.
 * The parser still decides: a prefilter only skips lines that cannot match.
 */
export interface LinePrefilter {
  select(
    buf: Buffer,
    start: number,
    lastNewline: number,
    emit: (buf: Buffer, start: number, end: number) => void,
  ): number;
}

/** The level words levelOf maps to error or fatal, in any case: what an error line without a level key holds. */
export const ERROR_MARKER = /err|fatal|crit|alert|emerg|panic|severe/i;

const [L, E, QUOTE, COLON, EQUALS, SPACE] = ['l', 'e', '"', ':', '=', ' '].map((c) => c.charCodeAt(0));
/** First letters of a level value that can never be error or fatal (info, debug, warn, trace, notice, verbose; 10-40). */
const NEVER_ERROR = new Set([...'iIdDwWtTnNvV1234'].map((c) => c.charCodeAt(0)));

/**
 * Where the value of a level key at `at` (the `vel` of `level=` in logfmt, or of `level":` in JSON, flat
 * `log.level` or nested `{"log":{"level"`) starts; undefined when that `vel` is not such a key.
 */
function levelValueStart(line: string, at: number): number | undefined {
  if (line.charCodeAt(at - 1) !== E || line.charCodeAt(at - 2) !== L) return undefined;
  const next = at + 3;
  if (line.charCodeAt(next) === EQUALS) return next + 1;
  if (line.charCodeAt(next) === QUOTE && line.charCodeAt(next + 1) === COLON) return next + 2;
  return undefined;
}

/** Whether the level value from `from` (a word or a number, quotes and spaces skipped) is error or fatal. */
function isErrorValue(line: string, from: number): boolean {
  let i = from;
  while (i < line.length && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === QUOTE)) i++;
  if (NEVER_ERROR.has(line.charCodeAt(i))) return false;
  let j = i;
  while (j < line.length && j - i < 12) {
    const c = line.charCodeAt(j);
    const word = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!word) break;
    j++;
  }
  const value = line.slice(i, j);
  const first = value.charCodeAt(0);
  const level = levelOf(first >= 0x30 && first <= 0x39 ? Number(value) : value);
  return level === 'error' || level === 'fatal';
}

/**
 * The rule a line (its bytes as latin1) must pass to be decoded by an error scan: a line with level keys is kept
 * when one of their values is error or fatal; a line without one when it holds an error word (plain text).
 */
export function mayBeErrorLine(line: string): boolean {
  let hasKey = false;
  for (let at = line.indexOf('vel'); at >= 0; at = line.indexOf('vel', at + 1)) {
    const value = levelValueStart(line, at);
    if (value === undefined) continue;
    if (isErrorValue(line, value)) return true;
    hasKey = true;
  }
  return !hasKey && ERROR_MARKER.test(line);
}

/**
 * The error prefilter: the WebAssembly pass finds the few places where a line may show an error (error-scan.ts),
 * and only their lines are decoded, as latin1, for the exact rule above; every other line costs no JavaScript.
 */
export const ERROR_PREFILTER: LinePrefilter = {
  select(buf, start, lastNewline, emit) {
    return scanErrorCandidates(buf, start, lastNewline + 1, (at) => {
      const before = buf.lastIndexOf(NEWLINE, at);
      const lineStart = before < start ? start : before + 1;
      const nl = buf.indexOf(NEWLINE, at);
      if (mayBeErrorLine(buf.toString('latin1', lineStart, nl))) emit(buf, lineStart, nl);
      return nl + 1;
    });
  },
};
