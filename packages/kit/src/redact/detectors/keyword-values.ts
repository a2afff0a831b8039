import { classOf, DIGIT, LOWER, UPPER } from '../chars.ts';
import type { Detector, Emit } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';

/**
 * Passwords written after a keyword and a blank rather than an operator, as these syntaxes document them:
 * `.netrc` (`machine h login u password p`), Redis (`requirepass p`, `masterauth p`), kickstart
 * (`rootpw --plaintext p`), SQL (`IDENTIFIED BY 'p'`, `IDENTIFIED WITH plugin BY 'p'`, `WITH PASSWORD 'p'`,
 * `PASSWORD('p')`), PHP's `define('DB_PASSWORD', 'p')`, setters and builders with a literal
 * (`setPassword("p")`, `.password("p")`), HTTP Basic credentials passed in code (`HTTPBasicAuth('u', 'p')`,
 * `auth=('u', 'p')`, `req.SetBasicAuth("u", "p")`, `new NetworkCredential("u", "p")`), and `.pgpass` lines
 * (`host:port:db:user:password`).
 *
 * A quoted value is the password whatever it holds (a placeholder aside); a bare one must not read as a word
 * (`password expired`, `PASSWORD NULL`, `password Manager`), so prose about passwords keeps its words.
 */

const MAX_VALUE = 256;
const SENTENCE_END = '.:!?';

/**
 * The keyword, then blanks or a `(` (and kickstart's `--plaintext`) before the value, which starts with
 * neither an operator (the assignment detector's) nor an option (`rootpw --iscrypted`, `-p`). One regex pass:
 * alternatives are anchored on letters, so a failing start costs a few characters.
 */
const KEYWORD =
  /\b(pass(?:word|wd|[ \t]?phrase)(?:[ \t]+for[ \t][^\n"'=:]{1,40}?[ \t]+(?:is|was)(?=[ \t:]):?|[ \t]+for[ \t][^\n=]{1,80}?:(?=[ \t])|[ \t]*\((?:again|confirm|repeat|retype|verify)\):|[ \t]+(?:(?:was[ \t]+|has[ \t]+been[ \t]+)?(?:set|changed|reset)[ \t]+to|is|was)(?=[ \t:]):?)?|requirepass|masterauth|rootpw(?:[ \t]+--plaintext)?|identified(?:[ \t]+with[ \t]+\w{1,40})?[ \t]+by|enable[ \t]+(?:secret|password)(?:[ \t]+\d)?|username[ \t]+\S{1,64}[ \t]+(?:privilege[ \t]+\d{1,2}[ \t]+)?(?:password|secret)(?:[ \t]+\d)?|snmp-server[ \t]+community)(?:[ \t]+\(?|\()[ \t]*(?=[^\s=:-]|-[^\sA-Za-z-])|\bdefine\(\s*['"](\w{1,64})['"]\s*,\s*(?=['"])|\b(?:set|with)_?pass(?:word|wd|phrase)\(\s*(?=['"])|\b(?:HTTPBasicAuth|HTTPDigestAuth|HTTPProxyAuth|BasicAuth|set_?BasicAuth|with_?BasicAuth|UsernamePasswordCredentials|NetworkCredential|PasswordAuthentication|Credentials\.basic|auth)\s*(?:=\s*)?[([]\s*(['"])[^'"\n]{0,64}\3\s*,\s*(?=['"])/gi;

/**
 * A compound name ending in a secret's word, then blanks and a quoted literal, as Groovy/Gradle and Ruby DSLs
 * call methods without parentheses: `storePassword "…"`, `keyPassword '…'`, `api_token "…"`. The name before
 * the keyword is read back and must be a sensitive field name with a prefix (a lone `password "…"` is prose
 * unless placed, above).
 */
const SPACED_LITERAL = /(?:pass(?:word|wd|phrase)|secret|token)[ \t]+(?=["'])/gi;

/**
 * A password piped to a program that reads it from standard input: `echo 'p' | sudo -S …`,
 * `echo p | passwd --stdin u`, `echo 'u:p' | chpasswd`, `echo p | docker login … --password-stdin`.
 */
const ECHO_PIPE =
  /\becho[ \t]+(?:-[neE]{1,3}[ \t]+)?(['"]?)([^'"\s|;]{1,256})\1[ \t]*\|[ \t]*(?:sudo\b[^|\n]{0,40}?[ \t]-S\b|passwd\b|(chpasswd)\b|[\w./-]{0,40}(?:docker|podman|helm|oras)[ \t]+(?:registry[ \t]+)?login\b[^|\n]{0,120}?--password-stdin)/g;

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
}

/**
 * Keys naming a password in other languages, where the key itself is not ASCII (ASCII spellings such as
 * `passwort`, `senha`, `haslo` are field names: field-names.ts), read back from a `:`, `=` or `：`.
 */
const LOCAL_WORDS = new Set([
  'пароль',
  'парола',
  'лозинка',
  'contraseña',
  'hasło',
  'lösenord',
  'løsenord',
  'şifre',
  'jelszó',
  'salasõna',
  'mật khẩu',
  'パスワード',
  '密码',
  '密碼',
  '비밀번호',
  'κωδικός',
  'סיסמה',
  'كلمة المرور',
  'รหัสผ่าน',
]);
const LOCAL_SEPARATOR = /[:=\uff1a]/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** The one or two words ending at `end` (letters of any script), lower-cased; at most 24 characters back. */
function wordsBefore(text: string, end: number): string {
  let i = end;
  while (i > end - 2 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  const stop = Math.max(0, i - 24);
  const last = i;
  let start = i;
  let spaces = 0;
  while (start > stop) {
    const c = text.charCodeAt(start - 1);
    if (c === 32 && spaces === 0 && start < last) spaces++;
    else if (!(c >= 0xc0 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break;
    start--;
  }
  if (text.charCodeAt(start) === 32) start++;
  return text.slice(start, last).toLowerCase();
}

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

/**
 * Cannot be a word of prose: ten characters or more mixing three of lower case, upper case, digits and symbols
 * (`Xk9mQ2vL7p`, `p@ss-W0rd!x`), where identifiers (`DB_PASSWORD`) and words mix two at most.
 */
function strong(value: string): boolean {
  if (value.length < 10) return false;
  let bits = 0;
  let symbol = 0;
  for (let i = 0; i < value.length; i++) {
    const cls = classOf(value.charCodeAt(i));
    bits |= cls;
    if ((cls & (DIGIT | UPPER | LOWER)) === 0) symbol = 1;
  }
  return (bits & DIGIT ? 1 : 0) + (bits & UPPER ? 1 : 0) + (bits & LOWER ? 1 : 0) + symbol >= 3;
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
  const quoted = isQuote(text.charCodeAt(at + match.length));
  // A call with a literal: `.password("…")` (builders), `PASSWORD('…')` (MySQL).
  if (quoted && text.charCodeAt(at + keyword.length) === 40) return true;
  const sql = keyword === 'PASSWORD' || SQL_BEFORE.test(before);
  return sql && (match.includes('(') || quoted);
}

export function createKeywordValueDetector(isSensitiveName: (name: string) => boolean): Detector {
  const value = (text: string, at: number, emit: Emit, strict: boolean): number => {
    const c = text.charCodeAt(at);
    if (isQuote(c)) {
      const start = at + 1;
      const limit = Math.min(text.length, start + MAX_VALUE);
      let j = start;
      while (j < limit && text.charCodeAt(j) !== c && text.charCodeAt(j) !== 10) j++;
      if (text.charCodeAt(j) !== c) return j;
      const raw = text.slice(start, j);
      if (raw.length >= 4 && (!strict || strong(raw)) && !isPlaceholder(raw))
        emit(start, j, 'secret_assignment');
      return j + 1;
    }
    const limit = Math.min(text.length, at + MAX_VALUE);
    let j = at;
    while (j < limit && !endsBare(text.charCodeAt(j))) j++;
    // Sentence punctuation after a word is the sentence's (`password expired.`, `password policy:`).
    let end = j;
    while (end > at && SENTENCE_END.includes(text[end - 1]!)) end--;
    const raw = text.slice(at, end);
    const fits = strict ? strong(raw) : !wordLike(raw);
    // In a sentence the trailing punctuation is the sentence's; in a config file it may be the password's.
    if (j - at < MAX_VALUE && fits && !raw.includes('://') && !isPlaceholder(raw))
      emit(at, strict ? end : j, 'secret_assignment');
    return j;
  };

  return {
    kinds: ['secret_assignment'],
    probes: [
      'password ',
      'IDENTIFIED BY ',
      "define('DB_PASSWORD', ",
      'requirepass ',
      'h:5432:d:u:',
      'пароль: ',
      'storePassword "',
      'enable secret ',
      'username a password 0 ',
      "echo 'p' | sudo -S",
    ],
    scan(text, emit) {
      KEYWORD.lastIndex = 0;
      for (let m = KEYWORD.exec(text); m !== null; m = KEYWORD.exec(text)) {
        const keyword = m[1];
        const defined = m[2];
        // A setter (`setPassword("…")`, `.withPassword('…')`) is placed by its name; `define` by its constant's.
        if (defined !== undefined && !isSensitiveName(defined)) continue;
        // Out of its syntax's place (`temporary password …`, `the password is …`), only a value that cannot
        // be a word of prose is taken.
        const strict = keyword !== undefined && !placed(text, m.index, keyword, m[0]);
        const end = value(text, KEYWORD.lastIndex, emit, strict);
        if (end > KEYWORD.lastIndex) KEYWORD.lastIndex = end;
      }
      SPACED_LITERAL.lastIndex = 0;
      for (let m = SPACED_LITERAL.exec(text); m !== null; m = SPACED_LITERAL.exec(text)) {
        let start = m.index;
        while (start > m.index - 40 && start > 0 && isNameChar(text.charCodeAt(start - 1))) start--;
        if (start === m.index || (start > 0 && isNameChar(text.charCodeAt(start - 1)))) continue;
        const keywordEnd = m.index + m[0].trimEnd().length;
        if (!isSensitiveName(text.slice(start, keywordEnd))) continue;
        const end = value(text, SPACED_LITERAL.lastIndex, emit, false);
        if (end > SPACED_LITERAL.lastIndex) SPACED_LITERAL.lastIndex = end;
      }
      if (text.includes('echo')) {
        ECHO_PIPE.lastIndex = 0;
        for (let m = ECHO_PIPE.exec(text); m !== null; m = ECHO_PIPE.exec(text)) {
          const raw = m[2]!;
          let start = m.index + m[0].indexOf(raw, 5);
          const end = start + raw.length;
          // chpasswd reads `user:password`; only the password is secret.
          if (m[3] !== undefined) {
            const colon = raw.indexOf(':');
            if (colon < 0) continue;
            start += colon + 1;
          }
          if (end > start && !isPlaceholder(text.slice(start, end))) emit(start, end, 'secret_assignment');
        }
      }
      // The word for password in scripts other than Latin (and Latin spellings with diacritics), then `:`/`=`.
      if (NON_ASCII.test(text)) {
        LOCAL_SEPARATOR.lastIndex = 0;
        for (let m = LOCAL_SEPARATOR.exec(text); m !== null; m = LOCAL_SEPARATOR.exec(text)) {
          const words = wordsBefore(text, m.index);
          if (words.length === 0) continue;
          if (!LOCAL_WORDS.has(words) && !LOCAL_WORDS.has(words.slice(words.lastIndexOf(' ') + 1))) continue;
          let at = m.index + 1;
          while (at < m.index + 3 && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
          if (at >= text.length || text.charCodeAt(at) <= 32) continue;
          const end = value(text, at, emit, false);
          if (end > LOCAL_SEPARATOR.lastIndex) LOCAL_SEPARATOR.lastIndex = end;
        }
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
