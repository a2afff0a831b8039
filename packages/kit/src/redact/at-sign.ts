import type { Detector, Emit } from './detector.ts';
import { isPlaceholder } from './placeholders.ts';

/**
 * Everything anchored on an `@`: e-mail addresses, and the password in `scheme://user:password@host`. Finding
 * each `@` is a memchr-speed search; the detector then reads outward from it, instead of running a pattern that
 * would start at every word character.
 */

const LOCAL_MAX = 64;
const AUTHORITY_MAX = 400;
const DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}([A-Za-z]{2,24})(?![A-Za-z0-9-])/y;
/** Retina asset names (`icon@2x.png`) and package specs look like addresses; real TLDs are not file types. */
const FILE_EXTENSIONS = new Set(
  'png jpg jpeg gif svg webp ico js mjs cjs ts css scss html json yaml yml txt map wasm lock'.split(' '),
);

function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 95 ||
    c === 37 ||
    c === 43 ||
    c === 45
  );
}

/** Characters that end a URL in running text, JSON or code. */
function endsUrl(c: number): boolean {
  return (
    c === 32 || c === 10 || c === 13 || c === 9 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96
  );
}

function isHostStart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 91 || c === 46 || c === 45
  );
}

/**
 * For an `@` inside the authority of a URL (`scheme://user:password@host`), the span of the password: from the
 * first `:` after `//` to this `@`; undefined for an authority without a password (`https://bob@host`); null
 * when the `@` is not in a URL's authority at all. The walk back stops at `stop`, an earlier `@` found to be
 * outside any authority: everything before it gives the same answer, and stopping there keeps a text full of
 * `@` linear.
 */
function urlPassword(
  text: string,
  at: number,
  stop: number,
): { start: number; end: number } | undefined | null {
  let colon = -1;
  for (let i = at - 1; i > 1 && i > stop && at - i < AUTHORITY_MAX; i--) {
    const c = text.charCodeAt(i);
    if (endsUrl(c)) return null;
    if (c === 58) colon = i;
    if (c === 47) {
      // The authority starts right after `//`; a single `/` means this `@` is in a path.
      if (text.charCodeAt(i - 1) !== 47 || text.charCodeAt(i - 2) !== 58) return null;
      return colon === -1 ? undefined : { start: colon + 1, end: at };
    }
  }
  return null;
}

function scan(text: string, emit: Emit): void {
  let notInAuthority = -1;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const credentials = urlPassword(text, at, notInAuthority);
    if (credentials === null) notInAuthority = at;
    else if (credentials !== undefined) {
      const password = text.slice(credentials.start, credentials.end);
      if (isHostStart(text.charCodeAt(at + 1)) && password.length > 0 && !isPlaceholder(password)) {
        emit(credentials.start, credentials.end, 'url_password');
      }
      continue;
    }
    let start = at;
    while (start > 0 && at - start < LOCAL_MAX && isLocalChar(text.charCodeAt(start - 1))) start--;
    while (start < at && text.charCodeAt(start) === 46) start++;
    if (start === at) continue;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(text);
    if (domain === null) continue;
    if (FILE_EXTENSIONS.has((domain[1] ?? '').toLowerCase())) continue;
    // scp-style remotes (`git@github.com:org/repo.git`) name a service account, not a person.
    if (at - start === 3 && text.startsWith('git', start)) continue;
    emit(start, DOMAIN.lastIndex, 'email');
    at = DOMAIN.lastIndex - 1;
  }
}

export const atSignDetector: Detector = { kinds: ['email', 'url_password'], scan };
