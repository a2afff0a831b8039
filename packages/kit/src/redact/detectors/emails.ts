import { ALNUM, classOf, DASH, DOT, LOWER, nextIndex, UPPER } from '../chars.ts';
import type { Detector } from '../detector.ts';

/**
 * E-mail addresses, found from their `@` (a memchr-speed search) and read outward with character loops: the
 * local part back to 64 characters, then the domain's labels forward. No regex runs per `@`, so text made of
 * `@` signs costs what a search for them costs.
 */

const LOCAL_MAX = 64;
const DOMAIN_MAX = 253;
/** Retina asset names (`icon@2x.png`) and package specs look like addresses; real TLDs are not file types. */
const FILE_EXTENSIONS = new Set(
  'png jpg jpeg gif svg webp ico js mjs cjs ts tsx jsx css scss html json yaml yml txt map wasm lock md py go rs'.split(
    ' ',
  ),
);

const LETTER = /^[\p{L}\p{M}\p{N}]$/u;

/** A letter or digit of any script (internationalised addresses, RFC 6531 / IDNA): ASCII by table. */
function isWordChar(c: number): boolean {
  if (c < 128) return (classOf(c) & ALNUM) !== 0;
  return c >= 0xc0 && !Number.isNaN(c) && LETTER.test(String.fromCharCode(c));
}

function isLocalChar(c: number): boolean {
  return (
    (classOf(c) & (ALNUM | DOT | DASH)) !== 0 ||
    c === 95 ||
    c === 37 ||
    c === 43 ||
    (c >= 0xc0 && isWordChar(c))
  );
}

/**
 * Addresses obfuscated with a bracketed `at` (`anna [at] example [dot] com`, `anna(at)example.com`), found
 * from each mark: the local part read back, the domain read forward with one sticky match. (An HTML entity
 * for `@`, `&#64;`, is decoded by escapes.ts.)
 */
const AT_MARKS = ['[at]', '(at)', '{at}', '<at>', '[AT]', '(AT)'];
const OBFUSCATED_DOMAIN =
  /[ \t]{0,2}[\p{L}\p{N}-]{1,63}(?:(?:[ \t]{0,2}(?:\[dot\]|\(dot\)|\{dot\}|<dot>)[ \t]{0,2}|\.)[\p{L}\p{N}-]{1,63}){1,4}/iuy;

/** Start of the TLD found by the last readDomain call. */
let tldStart = 0;

/** End of the domain after an `@` at `at` (its TLD's start left in `tldStart`), or -1 when none follows. */
function readDomain(text: string, at: number): number {
  let i = at + 1;
  const limit = Math.min(text.length, i + DOMAIN_MAX);
  let labels = 0;
  let lastDot = -1;
  let labelStart = i;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      i++;
      continue;
    }
    if (c === 45 && i > labelStart) {
      i++;
      continue;
    }
    if (c === 46 && i > labelStart && text.charCodeAt(i - 1) !== 45 && isWordChar(text.charCodeAt(i + 1))) {
      labels++;
      lastDot = i;
      i++;
      labelStart = i;
      continue;
    }
    break;
  }
  if (labels === 0) return -1;
  // The TLD: letters only, 2–24 of them, not ending in a hyphen.
  const first = lastDot + 1;
  const tldLength = i - first;
  if (tldLength < 2 || tldLength > 24) return -1;
  for (let k = first; k < i; k++) {
    const c = text.charCodeAt(k);
    if ((classOf(c) & (UPPER | LOWER)) === 0 && (c < 128 || !isWordChar(c))) return -1;
  }
  tldStart = first;
  return i;
}

/** `scheme://user:password@host`: the part before the `@` is a URL's userinfo (urls.ts), not a mailbox. */
function inUrlAuthority(text: string, start: number): boolean {
  const before = text.charCodeAt(start - 1);
  if (before !== 58 && before !== 47) return false;
  const stop = Math.max(0, start - 128);
  for (let i = start - 1; i > stop; i--) {
    const c = text.charCodeAt(i);
    if (c === 47 && text.charCodeAt(i - 1) === 47) return true;
    if (c <= 32 || c === 34 || c === 39) return false;
  }
  return false;
}

export function createEmailDetector(): Detector {
  return {
    kinds: ['email'],
    probes: ['@', 'a@', 'a@b.', '@example.com ', 'a [at] b [dot] ', 'a(at)b.c'],
    scan(text, emit) {
      let floor = 0;
      let nextDot = -1;
      for (let at = nextIndex(text, '@', 0); at !== -1; at = nextIndex(text, '@', at + 1)) {
        let start = at;
        const previousFloor = floor;
        floor = at + 1;
        // The cheap tests first: a local-part character before, a letter or digit after.
        if (!isLocalChar(text.charCodeAt(at - 1)) || !isWordChar(text.charCodeAt(at + 1))) continue;
        const stop = Math.max(previousFloor, at - LOCAL_MAX);
        while (start > stop && isLocalChar(text.charCodeAt(start - 1))) start--;
        while (start < at && text.charCodeAt(start) === 46) start++;
        if (start === at) continue;
        // A domain needs a dot: when none follows within reach, no address here (`a@a@a@…` costs a comparison).
        if (nextDot < at) nextDot = text.indexOf('.', at);
        if (nextDot < 0 || nextDot - at > DOMAIN_MAX) {
          if (nextDot < 0) break;
          continue;
        }
        const end = readDomain(text, at);
        if (end < 0) continue;
        if (FILE_EXTENSIONS.has(text.slice(tldStart, end).toLowerCase())) continue;
        // Not glued to more word characters (`a@b.cd_ef`), and not an scp-style remote (`git@host:org/repo`).
        if (isWordChar(text.charCodeAt(end)) || text.charCodeAt(end) === 95) continue;
        if (at - start === 3 && text.startsWith('git', start)) continue;
        if (inUrlAuthority(text, start)) continue;
        emit(start, end, 'email');
        floor = end;
        at = end - 1;
      }
      // From each mark: the local part back (a bounded loop, never behind the last address), the domain on.
      for (const mark of AT_MARKS) {
        // The mark without its bracket first: a text of brackets would stop the search at every character.
        if (!text.includes(mark.slice(1))) continue;
        let done = 0;
        for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + mark.length)) {
          let localEnd = at;
          while (localEnd > done && localEnd > at - 2 && text.charCodeAt(localEnd - 1) === 32) localEnd--;
          let start = localEnd;
          const stop = Math.max(done, localEnd - LOCAL_MAX);
          while (start > stop && isLocalChar(text.charCodeAt(start - 1))) start--;
          if (start === localEnd) continue;
          OBFUSCATED_DOMAIN.lastIndex = at + mark.length;
          const m = OBFUSCATED_DOMAIN.exec(text);
          if (m === null) continue;
          const end = at + mark.length + m[0].length;
          emit(start, end, 'email');
          done = end;
        }
      }
    },
  };
}
