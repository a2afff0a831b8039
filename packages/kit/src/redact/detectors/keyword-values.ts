import { classOf, DIGIT, LOWER, UPPER } from '../chars.ts';
import type { Detector, Emit } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';

/**
 * Passwords written after a keyword and a blank rather than an operator, as these syntaxes document them:
 * `.netrc` (`machine h login u password p`), Redis (`requirepass p`, `masterauth p`), kickstart
 * (`rootpw --plaintext p`), SQL (`IDENTIFIED BY 'p'`, `IDENTIFIED WITH plugin BY 'p'`, `WITH PASSWORD 'p'`,
 * `PASSWORD('p')`), PHP's `define('DB_PASSWORD', 'p')`, and `.pgpass` lines (`host:port:db:user:password`).
 *
 * A quoted value is the password whatever it holds (a placeholder aside); a bare one must not read as a word
 * (`password expired`, `PASSWORD NULL`, `password Manager`), so prose about passwords keeps its words.
 */

const MAX_VALUE = 256;
const SENTENCE_END = '.:!?';

/**
 * The keyword, then blanks or a `(` (and kickstart's `--plaintext`) before the value, which starts with
 * neither an operator (the assignment detector's) nor `-` (an option: `rootpw --iscrypted`). One regex pass:
 * alternatives are anchored on letters, so a failing start costs a few characters.
 */
const KEYWORD =
  /\b(pass(?:word|wd|phrase)|requirepass|masterauth|rootpw(?:[ \t]+--plaintext)?|identified(?:[ \t]+with[ \t]+\w{1,40})?[ \t]+by)(?:[ \t]+\(?|\()[ \t]*(?=[^\s=:-])|\bdefine\(\s*['"](\w{1,64})['"]\s*,\s*(?=['"])/gi;

/** SQL words that put a password after `PASSWORD` (`WITH PASSWORD`, `LOGIN PASSWORD`, `ENCRYPTED PASSWORD`). */
const SQL_BEFORE = /\b(?:with|login|encrypted|unencrypted|role|user)\s+$/i;
/** `.netrc`'s entry, on one line: `machine h login u password p`. */
const NETRC_BEFORE = /\blogin\s+\S+\s+$/;

/** `.pgpass` / PGPASSFILE lines: `hostname:port:database:username:password` (`*` wildcards; `\:` escapes). */
const PGPASS = /^[^\s:#]{1,253}:(?:\d{1,5}|\*):[^\s:]{1,128}:[^\s:]{1,128}:((?:\\.|[^\s\\]){1,256})$/gm;

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/** Ends a bare value: blanks, quotes, and the punctuation that closes a statement or call. */
function endsBare(c: number): boolean {
  return c <= 32 || isQuote(c) || c === 59 || c === 44 || c === 41;
}

/** Reads as a word (`expired`, `Manager`, `NULL`) or a number too short to be a password. */
function wordLike(value: string): boolean {
  let bits = 0;
  let other = false;
  for (let i = 0; i < value.length; i++) {
    const cls = classOf(value.charCodeAt(i));
    bits |= cls;
    if ((cls & (DIGIT | UPPER | LOWER)) === 0) other = true;
  }
  if (other || (bits & DIGIT) !== 0) return value.length < 6;
  // Letters only: a word unless its case is mixed past a leading capital (`xKq…`, `ABCdef`).
  let inner = 0;
  for (let i = 1; i < value.length; i++) inner |= classOf(value.charCodeAt(i));
  return !((inner & UPPER) !== 0 && (inner & LOWER) !== 0);
}

/** Does the line hold only blanks before `at`? (A directive: `requirepass …`, a `.netrc` line.) */
function atLineStart(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  return i === 0 || text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13;
}

/**
 * Is the keyword at `at` where its syntax puts it? `IDENTIFIED BY` anywhere (only SQL says it); directives
 * (`requirepass`, `rootpw`) at a line's start; `password` at a line's start, after `login u` (.netrc), or in
 * SQL (`WITH PASSWORD`, upper case, or `PASSWORD(…)`). Prose that mentions a password and an identifier
 * (`the password (DB_PASSWORD)`, `a password 'admin' is weak`) fits none of them.
 */
function placed(text: string, at: number, keyword: string, match: string): boolean {
  const lower = keyword.charCodeAt(0) | 32;
  if (lower === 105) return true; // identified … by
  if (atLineStart(text, at)) return true;
  if (lower !== 112) return false; // requirepass, masterauth, rootpw: directives only
  const before = text.slice(Math.max(0, at - 40), at);
  if (NETRC_BEFORE.test(before)) return true;
  const sql = keyword === 'PASSWORD' || SQL_BEFORE.test(before);
  return sql && (match.includes('(') || isQuote(text.charCodeAt(at + match.length)));
}

export function createKeywordValueDetector(isSensitiveName: (name: string) => boolean): Detector {
  const value = (text: string, at: number, emit: Emit): number => {
    const c = text.charCodeAt(at);
    if (isQuote(c)) {
      const start = at + 1;
      const limit = Math.min(text.length, start + MAX_VALUE);
      let j = start;
      while (j < limit && text.charCodeAt(j) !== c && text.charCodeAt(j) !== 10) j++;
      if (text.charCodeAt(j) !== c) return j;
      const raw = text.slice(start, j);
      if (raw.length >= 4 && !isPlaceholder(raw)) emit(start, j, 'secret_assignment');
      return j + 1;
    }
    const limit = Math.min(text.length, at + MAX_VALUE);
    let j = at;
    while (j < limit && !endsBare(text.charCodeAt(j))) j++;
    // Sentence punctuation after a word is the sentence's (`password expired.`, `password policy:`).
    let end = j;
    while (end > at && SENTENCE_END.includes(text[end - 1]!)) end--;
    const raw = text.slice(at, end);
    if (j - at < MAX_VALUE && !wordLike(raw) && !raw.includes('://') && !isPlaceholder(raw))
      emit(at, j, 'secret_assignment');
    return j;
  };

  return {
    kinds: ['secret_assignment'],
    probes: ['password ', 'IDENTIFIED BY ', "define('DB_PASSWORD', ", 'requirepass ', 'h:5432:d:u:'],
    scan(text, emit) {
      KEYWORD.lastIndex = 0;
      for (let m = KEYWORD.exec(text); m !== null; m = KEYWORD.exec(text)) {
        const keyword = m[1];
        if (keyword === undefined ? !isSensitiveName(m[2]!) : !placed(text, m.index, keyword, m[0])) continue;
        const end = value(text, KEYWORD.lastIndex, emit);
        if (end > KEYWORD.lastIndex) KEYWORD.lastIndex = end;
      }
      // Cheap gate: a .pgpass line has at least four colons; most texts have none on a line of their own.
      if (text.indexOf(':') === -1) return;
      PGPASS.lastIndex = 0;
      for (let m = PGPASS.exec(text); m !== null; m = PGPASS.exec(text)) {
        const raw = m[1]!;
        const start = m.index + m[0].length - raw.length;
        if (!isPlaceholder(raw)) emit(start, start + raw.length, 'secret_assignment');
      }
    },
  };
}
