import { ALNUM, B64ANY, classOf, DASH, DIGIT, HEX_LETTER, isHex, TOKEN, UPPER } from '../chars.ts';
import type { Detector, Emit, NestedScan } from '../detector.ts';
import { BASE64_PROBES, createBase64Inspector } from './base64.ts';
import { COMPACT_ID_KINDS, COMPACT_ID_PROBES, matchCompactId } from './compact-ids.ts';
import { createTokenMatcher, TOKEN_DETECTOR_KINDS, TOKEN_PROBES } from './tokens.ts';

/**
 * Finds the long runs of token characters (letters, digits and `_-+/=.~`): where vendor tokens, encoded blobs
 * and compact identifiers live. Instead of visiting every character it samples one every MIN_RUN characters:
 * a run at least MIN_RUN long always contains a sample, and each run found is measured once, so the cost is
 * about one look per MIN_RUN characters plus the length of the runs it lands in.
 *
 * Inside a run one loop does all the looking: at each segment start (the run's start, or after a character
 * that is not a letter or digit) it asks the token matcher when the character can start a prefix, and the
 * compact-id matcher when it is a capital; and it tracks the stretches of base64 characters, handing each to
 * the base64 inspector when it ends.
 */

/** Shortest run worth a look: the shortest compact IBAN (Norway) is 15 characters. */
export const MIN_RUN = 15;

function isToken(c: number): boolean {
  return (classOf(c) & TOKEN) !== 0;
}

export function createRunDetector(nested: NestedScan | undefined): Detector {
  const tokens = createTokenMatcher();
  const base64 = createBase64Inspector(nested);

  const inspect = (text: string, start: number, end: number, emit: Emit): void => {
    // Past the end of a token already found: its inside holds no other segment worth a look.
    let floor = start;
    // A run that starts right after `%` begins with the escape's two hex digits (`%3Dghp_…`).
    if (
      text.charCodeAt(start - 1) === 37 &&
      isHex(text.charCodeAt(start)) &&
      isHex(text.charCodeAt(start + 1))
    ) {
      const found = tokens.matchAt(text, start + 2, emit);
      if (found > start) floor = found;
    }
    let stretch = -1;
    let bits = 0;
    let hexOnly = true;
    let previous = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      const cls = classOf(c);
      if ((cls & B64ANY) !== 0) {
        if (stretch < 0) {
          stretch = i;
          bits = 0;
          hexOnly = true;
        }
        bits |= cls;
        if ((cls & (DIGIT | HEX_LETTER | DASH)) === 0) hexOnly = false;
      } else if (stretch >= 0) {
        base64.stretch(text, stretch, i, end, bits, hexOnly, emit);
        stretch = -1;
      }
      if (i >= floor && (i === start || (previous & ALNUM) === 0)) {
        if (tokens.mayStart(c)) {
          const found = tokens.matchAt(text, i, emit);
          if (found > i) floor = found;
        }
        if ((cls & UPPER) !== 0 && i >= floor) {
          const found = matchCompactId(text, i, end, emit);
          if (found > i) floor = found;
        }
      }
      previous = cls;
    }
    if (stretch >= 0) base64.stretch(text, stretch, end, end, bits, hexOnly, emit);
  };

  return {
    kinds: [...new Set([...TOKEN_DETECTOR_KINDS, ...COMPACT_ID_KINDS])],
    probes: [...TOKEN_PROBES, ...COMPACT_ID_PROBES, ...BASE64_PROBES],
    scan(text: string, emit: Emit): void {
      const n = text.length;
      if (n < MIN_RUN) return;
      tokens.begin(text);
      // Nothing before `floor` can belong to a run not yet seen.
      let floor = 0;
      for (let i = MIN_RUN - 1; i < n; ) {
        if (!isToken(text.charCodeAt(i))) {
          floor = i + 1;
          i += MIN_RUN;
          continue;
        }
        let start = i;
        while (start > floor && isToken(text.charCodeAt(start - 1))) start--;
        let end = i + 1;
        while (end < n && isToken(text.charCodeAt(end))) end++;
        if (end - start >= MIN_RUN) inspect(text, start, end, emit);
        floor = end + 1;
        i = end + MIN_RUN;
      }
    },
  };
}
