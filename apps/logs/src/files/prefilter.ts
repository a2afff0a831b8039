import { levelOf } from '../entry.ts';

const NEWLINE = 0x0a;

/**
 * Which lines a scan decodes, decided on the raw bytes so that most lines cost no decoding at all. A line with a
 * level key (`level":` in JSON, flat `log.level` or nested `{"log":{"level"`, pino's numbers; `level=` in logfmt)
 * is kept when one of its level values is wanted; a line without one is kept when it holds one of the markers
 * (the level words of plain-text lines). Either way the parser decides: this only skips lines that cannot match.
 */
export interface LinePrefilter {
  readonly markers: readonly Buffer[];
  /** Keys whose value is the line's level; absent: markers only. */
  readonly levelKeys?: readonly Buffer[];
  readonly wantLevel?: (value: string) => boolean;
}

/**
 * Byte strings one of which every error or fatal line without a level key holds: the level words levelOf maps to
 * error or fatal, in the usual cases.
 */
const ERROR_WORDS = ['error', 'err', 'fatal', 'crit', 'alert', 'emerg', 'panic', 'severe'];
export const ERROR_MARKERS: readonly Buffer[] = [
  ...new Set(ERROR_WORDS.flatMap((w) => [w, w.toUpperCase(), w[0]?.toUpperCase() + w.slice(1)])),
]
  // `err` is inside `error`: searching both finds the same lines twice.
  .filter((w) => !/^err$/i.test(w))
  .map((w) => Buffer.from(w));

export const LEVEL_KEYS: readonly Buffer[] = [Buffer.from('level":'), Buffer.from('level=')];

/** The error prefilter: level keys whose value is error or fatal, or an error word on a line without a key. */
export const ERROR_PREFILTER: LinePrefilter = {
  markers: ERROR_MARKERS,
  levelKeys: LEVEL_KEYS,
  wantLevel: (value) => {
    const level = levelOf(/^\d+$/.test(value) ? Number(value) : value);
    return level === 'error' || level === 'fatal';
  },
};

/** Every match of `needle` in buf[start, end), in order. */
function positions(buf: Buffer, needle: Buffer, start: number, end: number, into: number[]): void {
  for (let at = buf.indexOf(needle, start); at >= 0 && at < end; at = buf.indexOf(needle, at + 1)) into.push(at);
}

function sortedHits(buf: Buffer, needles: readonly Buffer[], start: number, end: number): number[] {
  const hits: number[] = [];
  for (const needle of needles) positions(buf, needle, start, end, hits);
  return needles.length > 1 ? hits.sort((a, b) => a - b) : hits;
}

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
  return buf.toString("latin1", i, j);
}

/**
 * Counts the lines in buf[start, lastNewline] and emits, in file order, those the prefilter keeps. The key and
 * marker searches are native and run once over the whole region; the per-line work is a few comparisons.
 */
export function selectLines(
  buf: Buffer,
  start: number,
  lastNewline: number,
  prefilter: LinePrefilter,
  emit: (buf: Buffer, start: number, end: number) => void,
): number {
  const end = lastNewline + 1;
  const keys = prefilter.levelKeys ?? [];
  const keyHits = keys.length > 0 ? sortedHits(buf, keys, start, end) : [];
  let markerHits: number[] | undefined;
  let k = 0;
  let m = 0;
  let count = 0;
  for (let lineStart = start; lineStart < end; ) {
    const nl = buf.indexOf(NEWLINE, lineStart);
    count++;
    let hasKey = false;
    let keep = false;
    while (k < keyHits.length && (keyHits[k] as number) < nl) {
      const at = keyHits[k] as number;
      k++;
      if (at < lineStart) continue;
      hasKey = true;
      if (!keep && prefilter.wantLevel) {
        const keyLength = keys.find((key) => buf.compare(key, 0, key.length, at, at + key.length) === 0)?.length;
        keep = keyLength !== undefined && prefilter.wantLevel(valueAt(buf, at + keyLength, nl));
      }
    }
    if (!hasKey) {
      // Found lazily: a region whose lines all carry a level key never pays for the marker searches.
      markerHits ??= sortedHits(buf, prefilter.markers, start, end);
      while (m < markerHits.length && (markerHits[m] as number) < lineStart) m++;
      keep = m < markerHits.length && (markerHits[m] as number) < nl;
    }
    if (keep) emit(buf, lineStart, nl);
    lineStart = nl + 1;
  }
  return count;
}
