import { levelOf } from '../entry.ts';

const NEWLINE = 0x0a;

/**
 * Which lines a scan decodes, decided on the raw bytes so that most lines cost no decoding at all. A line with a
 * level key (`level":` in JSON, flat `log.level` or nested `{"log":{"level"`, pino's numbers; `level=` in logfmt)
 * is kept when one of its level values is wanted; a line without one is kept when it matches the marker
 * (the level words of plain-text lines). Either way the parser decides: this only skips lines that cannot match.
 */
export interface LinePrefilter {
  /** What a line without a level key must hold to be kept (tested on its bytes as latin1: ASCII words). */
  readonly marker: RegExp;
  /**
   * A level key: a short needle found natively, and where the key's value starts for a match that is the key
   * (undefined when it is not). Absent: the marker alone decides.
   */
  readonly levelKey?: {
    readonly needle: Buffer;
    valueStart(buf: Buffer, at: number, end: number): number | undefined;
  };
  readonly wantLevel?: (value: string) => boolean;
  /**
   * First bytes of a level value that can never be wanted (`i` of info, `3` of pino's 30): most lines are
   * rejected on this one byte, without decoding their value.
   */
  readonly rejectFirst?: ReadonlySet<number>;
}

/** The level words levelOf maps to error or fatal, in any case: what an error line without a level key holds. */
export const ERROR_MARKER = /err|fatal|crit|alert|emerg|panic|severe/i;

const [L, E, QUOTE_, COLON, EQUALS] = ['l', 'e', '"', ':', '='].map((c) => c.charCodeAt(0));

/**
 * `level":` (JSON, flat `log.level` or nested `{"log":{"level"`) or `level=` (logfmt), found by its rare middle
 * `vel` in one native pass (a needle starting with a common letter is searched far slower).
 */
export const LEVEL_KEY = {
  needle: Buffer.from('vel'),
  valueStart(buf: Buffer, at: number, end: number): number | undefined {
    if (buf[at - 1] !== E || buf[at - 2] !== L) return undefined;
    const next = at + 3;
    if (buf[next] === EQUALS) return next + 1;
    if (buf[next] === QUOTE_ && buf[next + 1] === COLON && next + 2 <= end) return next + 2;
    return undefined;
  },
};

/** The error prefilter: level keys whose value is error or fatal, or an error word on a line without a key. */
export const ERROR_PREFILTER: LinePrefilter = {
  marker: ERROR_MARKER,
  levelKey: LEVEL_KEY,
  wantLevel: (value) => {
    const code = value.charCodeAt(0);
    const level = levelOf(code >= 0x30 && code <= 0x39 ? Number(value) : value);
    return level === 'error' || level === 'fatal';
  },
  // info, debug, warn(ing), trace, notice, verbose; pino/bunyan 10-40. No error or fatal word starts so.
  rejectFirst: new Set([...'iIdDwWtTnNvV1234'].map((c) => c.charCodeAt(0))),
};

const SPACE = 0x20;
const QUOTE = 0x22;

/** The value after a level key at `at`: a word or a number, at most 12 characters, quotes and spaces skipped. */
function valueAt(buf: Buffer, at: number, end: number): string {
  let i = at;
  while (i < end && (buf[i] === SPACE || buf[i] === QUOTE)) i++;
  let j = i;
  while (j < end && j - i < 12) {
    const c = buf[j] as number;
    const word = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!word) break;
    j++;
  }
  return buf.toString('latin1', i, j);
}

/**
 * Counts the lines in buf[start, lastNewline] and emits, in file order, those the prefilter keeps. The key search
 * is native and runs once over the region; the per-line work is a few byte comparisons.
 */
export function selectLines(
  buf: Buffer,
  start: number,
  lastNewline: number,
  prefilter: LinePrefilter,
  emit: (buf: Buffer, start: number, end: number) => void,
): number {
  const end = lastNewline + 1;
  const key = prefilter.levelKey;
  const reject = prefilter.rejectFirst;
  const want = prefilter.wantLevel;
  // The next key match, searched lazily as the lines go by: no array of every match is built.
  let nextKey = key ? buf.indexOf(key.needle, start) : -1;
  let count = 0;
  for (let lineStart = start; lineStart < end; ) {
    const nl = buf.indexOf(NEWLINE, lineStart);
    count++;
    let hasKey = false;
    let keep = false;
    while (nextKey >= 0 && nextKey < nl) {
      const valueStart = (key as NonNullable<typeof key>).valueStart(buf, nextKey, nl);
      nextKey = buf.indexOf((key as NonNullable<typeof key>).needle, nextKey + 1);
      if (valueStart === undefined) continue;
      hasKey = true;
      if (keep || !want) continue;
      let v = valueStart;
      while (v < nl && (buf[v] === SPACE || buf[v] === QUOTE)) v++;
      if (reject?.has(buf[v] as number)) continue;
      keep = want(valueAt(buf, v, nl));
    }
    if (nextKey >= end) nextKey = -1;
    // A line without a level key (plain text) is tested whole: one regex pass, no decoding into UTF-16 words.
    if (!hasKey) keep = prefilter.marker.test(buf.toString('latin1', lineStart, nl));
    if (keep) emit(buf, lineStart, nl);
    lineStart = nl + 1;
  }
  return count;
}
