import { ALNUM, CLASSES, classOf, isDigit, isHex, TOKEN } from '../chars.ts';
import type { Detector, Emit, NestedScan } from '../detector.ts';
import { BASE64_KINDS, BASE64_PROBES, createBase64Inspector, MIN_STRETCH } from './base64.ts';
import { COMPACT_ID_KINDS, COMPACT_ID_PROBES, matchCompactId } from './compact-ids.ts';
import { createTokenMatcher, TOKEN_DETECTOR_KINDS, TOKEN_PROBES } from './tokens.ts';

/**
 * Finds the long runs of token characters (letters, digits and `_-+/=.~`): where vendor tokens, encoded blobs
 * and compact identifiers live. Instead of visiting every character it samples one every MIN_RUN characters:
 * a run at least MIN_RUN long always contains a sample, and each run found is measured once, so the cost is
 * about one look per MIN_RUN characters plus the length of the runs it lands in.
 *
 * Inside a run one loop does all the looking, jumping from separator to separator: at each segment start (the
 * run's start, or after a character that is not a letter or digit) it asks the token matcher when the
 * character can start a prefix, and the compact-id matcher when it is a capital; and it hands each stretch of
 * base64 characters (they end at `=`, `.`, `~`) long enough to decode to the base64 inspector.
 */

/** Shortest run worth a look: the shortest compact IBAN (Norway) is 15 characters. */
export const MIN_RUN = 15;

function isToken(c: number): boolean {
  return (classOf(c) & TOKEN) !== 0;
}

export function createRunDetector(nested: NestedScan | undefined): Detector {
  const tokens = createTokenMatcher();
  /** 1 for the two-character starts of tokens, indexed c0 * 128 + c1 (checked inline: this runs per segment). */
  const pairs = new Uint8Array(128 * 128);
  for (let c0 = 0; c0 < 128; c0++)
    for (let c1 = 0; c1 < 128; c1++) if (tokens.mayStart(c0, c1)) pairs[c0 * 128 + c1] = 1;
  const base64 = createBase64Inspector(nested);

  /** Looks inside the run starting at `start`; returns where it ends (the first character not a token's). */
  const inspect = (text: string, start: number, emit: Emit): number => {
    const n = text.length;
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
    // Segments are the letters-and-digits pieces between separators; base64 stretches end at `=`, `.`, `~`.
    let stretch = start;
    let segment = start;
    for (;;) {
      const c = text.charCodeAt(segment);
      let next = segment;
      while (next < n && (CLASSES[text.charCodeAt(next)]! & ALNUM) !== 0) next++;
      if (segment >= floor && c < 128) {
        const c1 = text.charCodeAt(segment + 1);
        if (c1 < 128 && pairs[c * 128 + c1] === 1) {
          const found = tokens.matchAt(text, segment, emit);
          if (found > segment) floor = found;
        }
        // Compact ids: a capital starting an IBAN (`DE89…`) or a word of exactly 16 or 18 characters.
        if (c >= 65 && c <= 90 && segment >= floor) {
          const length = next - segment;
          const iban =
            c1 >= 65 &&
            c1 <= 90 &&
            isDigit(text.charCodeAt(segment + 2)) &&
            isDigit(text.charCodeAt(segment + 3));
          if (iban || length === 16 || length === 18) {
            const found = matchCompactId(text, segment, n, emit);
            if (found > segment) floor = found;
          }
        }
      }
      // Past the separators to the next segment (prefixes start with a letter or digit), in one tight loop.
      for (;;) {
        const separator = text.charCodeAt(next);
        const cls = CLASSES[separator]!;
        if ((cls & ALNUM) !== 0) break;
        const inRun = (cls & TOKEN) !== 0;
        if (!inRun || separator === 61 || separator === 46 || separator === 126) {
          if (next - stretch >= MIN_STRETCH && next > floor) base64.stretch(text, stretch, next, emit);
          stretch = next + 1;
        }
        if (!inRun) return next;
        next++;
      }
      segment = next;
    }
  };

  return {
    kinds: [...new Set([...TOKEN_DETECTOR_KINDS, ...COMPACT_ID_KINDS, ...BASE64_KINDS])],
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
        // A run shorter than MIN_RUN holds nothing to find (a sample lands in one only by chance): measured with
        // one table read per character and passed, which in prose — a word under most samples — is most runs.
        let short = i + 1;
        while (short < start + MIN_RUN && isToken(text.charCodeAt(short))) short++;
        if (short < start + MIN_RUN) {
          floor = short + 1;
          i = short + MIN_RUN;
          continue;
        }
        const end = inspect(text, start, emit);
        floor = end + 1;
        i = end + MIN_RUN;
      }
    },
  };
}
