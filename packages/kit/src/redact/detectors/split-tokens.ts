import { ALNUM, classOf, nextIndex, runEnd, runStart, TOKEN } from '../chars.ts';
import type { Detector } from '../detector.ts';
import { MIN_RUN } from './runs.ts';
import { createTokenMatcher, TOKEN_DETECTOR_KINDS } from './tokens.ts';

/**
 * Tokens wrapped onto the next line whose first part is shorter than a run the run detector samples for
 * (`Bearer AKIA3KXXN⏎    6JKK4FZKPMU`). At each line break with token characters on both sides, the
 * segments of the line's last run are tried as token starts; the matcher then reads across the break. The
 * look back is bounded by MIN_RUN (a longer last run is the run detector's), so each break costs a few reads.
 */

const MAX_INDENT = 16;
/** The shortest vendor token (an AWS key id). */
const MIN_TOKEN = 20;

function isToken(c: number): boolean {
  return (classOf(c) & TOKEN) !== 0;
}

export function createSplitTokenDetector(): Detector {
  const matcher = createTokenMatcher();
  return {
    kinds: TOKEN_DETECTOR_KINDS,
    probes: ['a\n    b', 'ghp_\n  x', 'AKIA\\\n'],
    scan(text, emit) {
      let begun = false;
      for (let nl = nextIndex(text, '\n', 0); nl !== -1; nl = nextIndex(text, '\n', nl + 1)) {
        // Empty lines in a row: one look at the last of them.
        while (text.charCodeAt(nl + 1) === 10) nl++;
        let end = nl;
        if (text.charCodeAt(end - 1) === 13) end--;
        if (text.charCodeAt(end - 1) === 92) end--;
        if (!isToken(text.charCodeAt(end - 1))) continue;
        let next = nl + 1;
        while (next - nl <= MAX_INDENT && (text.charCodeAt(next) === 32 || text.charCodeAt(next) === 9))
          next++;
        if (!isToken(text.charCodeAt(next))) continue;
        const start = runStart(text, end, TOKEN, end - MIN_RUN);
        if (end - start >= MIN_RUN || (start > 0 && isToken(text.charCodeAt(start - 1)))) continue;
        // Both halves together must be as long as the shortest token.
        if (end - start + runEnd(text, next, TOKEN, next + MIN_TOKEN) - next < MIN_TOKEN) continue;
        if (!begun) {
          matcher.begin(text);
          begun = true;
        }
        for (let i = start; i < end; i++) {
          if (i > start && (classOf(text.charCodeAt(i - 1)) & ALNUM) !== 0) continue;
          if (!matcher.mayStart(text.charCodeAt(i), text.charCodeAt(i + 1))) continue;
          if (matcher.matchAt(text, i, emit) > i) break;
        }
      }
    },
  };
}
