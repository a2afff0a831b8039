/**
 * Values that sit where a secret would but are not one: templates, masks, references to a secret store, type
 * names in code, instructions to the reader, and our own markers (so redacting twice changes nothing).
 * Redacting them would hide what a config or snippet means without protecting anything. Checks run on a
 * lowercased copy, so every casing (`changeme`, `ChangeMe`, `CHANGEME`) is one case.
 */

const WORDS = new Set([
  'changeme',
  'change_me',
  'change-me',
  'changeit',
  'password',
  'passwd',
  'secret',
  'token',
  'null',
  'none',
  'nil',
  'undefined',
  'true',
  'false',
  'redacted',
  'removed',
  'hidden',
  'masked',
  'placeholder',
  'dummy',
  'sample',
  'test',
  'testing',
  'todo',
  'tbd',
  'fixme',
  'required',
  'optional',
  'string',
  'str',
  'number',
  'int',
  'bool',
  'boolean',
  'bytes',
  'any',
  'empty',
  'default',
  'value',
  'unset',
  'notset',
  'not-set',
  'missing',
  'invalid',
  'expired',
  'revoked',
  'secretvalue',
  'mysecret',
  'mypassword',
  // What tables and forms put in a cell that has no value.
  'n/a',
  'na',
  'rotated',
  'disabled',
  'locked',
  'vault',
]);

const LONGEST_WORD = Math.max(...[...WORDS].map((word) => word.length));

/** Longest value worth the lowercase copy: placeholders are short, and this bounds the work per value. */
const MAX_CHECKED = 160;

/**
 * Templates and references: ${VAR}, $VAR, $(cmd), %(x)s, %VAR%, <your-token>, {{ x }}, [REDACTED:…], YAML tags
 * like !vault. Kept narrow so a real password that merely starts with a symbol is still redacted.
 */
const TEMPLATE =
  /^(?:\$(?:\{|\(|[A-Za-z_][A-Za-z0-9_]*$)|%(?:\(|s$|[A-Za-z_][A-Za-z0-9_]*%$)|<[^>]*>$|<[a-z_ -]+$|\{\{|\[redacted|!(?:vault|ref|sub|getatt|secret)\b)/;
/** Hints anywhere in the (lowercased) value: it tells the reader what to put there. */
const HINT =
  /example|placeholder|change_?-?me|replace|your[-_ ]|^your|[-_ ]here$|^(?:my|some|enter|insert|put|dummy|fake|sample)[-_ ]|xxxx|\*\*\*|\.\.\.|…|<[a-z_-]+>|&lt;[a-z _-]+&gt;|todo|^redacted|_redacted/;
/** References to where the secret lives rather than the secret: env lookups, secret stores, member access. */
const REFERENCE =
  /^(?:process\.env|os\.environ|os\.getenv|getenv|env\.|secrets\.|vault:|arn:aws:secretsmanager|ref\+)/;

/** The hints and references as one case-insensitive pattern, run on the value itself (no lowercase copy). */
const ANY_HINT = new RegExp(`${HINT.source}|${REFERENCE.source}`, 'i');
/** First characters of templates (`$ % < { [ !`), which alone need the TEMPLATE pattern. */
const TEMPLATE_START = new Set([36, 37, 60, 123, 91, 33]);

/**
 * `examplePasswords`: whether a password documentation uses as an example (`hunter2`) counts as one; a URL's
 * credentials are evidence enough of a real login, so the URL detector passes false.
 */
export function isPlaceholder(value: string, examplePasswords = true): boolean {
  const n = value.length;
  if (n === 0) return true;
  if (n > MAX_CHECKED) return false;
  if (TEMPLATE_START.has(value.charCodeAt(0)) && TEMPLATE.test(value.toLowerCase())) return true;
  if (isMask(value)) return true;
  if (n <= LONGEST_WORD && WORDS.has(value.toLowerCase())) return true;
  if (ANY_HINT.test(value)) return true;
  return (
    isNamePlaceholder(value) ||
    isSequence(value) ||
    EXAMPLE_WITH_DIGITS.test(value) ||
    (examplePasswords && isExamplePassword(value))
  );
}

/**
 * The passwords documentation and tutorials use as examples (`hunter2`, `P@ssw0rd`, `letmein`), with the digits or `!` people add to them. A value that is one of them shows
 * what goes there rather than being a secret of its own.
 */
const EXAMPLE_PASSWORDS = new Set([
  'hunter',
  'letmein',
  'qwerty',
  'p@ssw0rd',
  'passw0rd',
  'p@ssword',
  'p@$$w0rd',
  'pa$$word',
  'pa55word',
  's3cr3t',
  's3cret',
  'toor',
  'welcome',
  'opensesame',
  'swordfish',
]);

function isExamplePassword(value: string): boolean {
  if (value.length > 32) return false;
  let end = value.length;
  while (end > 0 && end > value.length - 4 && /[0-9!?.#]/.test(value[end - 1]!)) end--;
  return EXAMPLE_PASSWORDS.has(value.slice(0, end).toLowerCase());
}

/** A word that says "example" with a number after it: `password123`, `secret1`, `test123`, `Example01`. */
const EXAMPLE_WITH_DIGITS =
  /^(?:password|passwd|secret|test|sample|example|changeme|dummy|demo|placeholder|foo|foobar)\d{1,4}$/i;

/**
 * Words a value is made of when it names the secret instead of being one (`DB_PASSWORD`, `mySecretKey`,
 * `fill_me_in`, `{test_api_key}`, `__ACCESS_TOKEN__`, `@@SECRET@@`): the kinds of secret, who or what they are
 * for, and the instructions around them. A password made of words (`correct-horse-battery-staple`) uses words
 * from everywhere else, so a value counts only when every one of its words is in this list.
 */
const NAME_WORDS = new Set(
  (
    'password passwd pwd pw pass passphrase secret secrets token tokens key keys apikey api access refresh bearer ' +
    'private public client app application auth oauth session cookie credential credentials cred creds pin code ' +
    'db database sql mysql postgres redis mongo ldap smtp mail admin root user username service svc account ' +
    'master signing encryption webhook aws azure gcp github gitlab slack stripe openai npm docker prod staging ' +
    'dev test testing sample example dummy fake mock demo default generic new old real not a an the this that ' +
    'your my our their his her some any to be is it in on of for with from goes go here there put insert enter ' +
    'add paste set fill change replace replaced update me value string text id name tbd todo fixme later ' +
    'hidden masked redacted removed omitted placeholder none null empty blank unknown required'
  ).split(' '),
);

/** Characters that wrap a name into a template: `{x}`, `[X]`, `__X__`, `%X%`, `@@X@@`, `#{X}`, `(x)`, `<<X>>`. */
function isWrapper(c: number): boolean {
  return (
    c === 123 ||
    c === 125 ||
    c === 91 ||
    c === 93 ||
    c === 40 ||
    c === 41 ||
    c === 60 ||
    c === 62 ||
    c === 95 ||
    c === 37 ||
    c === 64 ||
    c === 35 ||
    c === 36
  );
}

/** A value made only of NAME_WORDS, in any casing and with any of `_ - . ` or camelCase between them. */
function isNamePlaceholder(value: string): boolean {
  let start = 0;
  let end = value.length;
  while (start < end && isWrapper(value.charCodeAt(start))) start++;
  while (end > start && isWrapper(value.charCodeAt(end - 1))) end--;
  if (end - start < 2 || end - start > 64) return false;
  let words = 0;
  let from = start;
  for (let i = start; i <= end; i++) {
    const c = i < end ? value.charCodeAt(i) : 32;
    const boundary = c === 95 || c === 45 || c === 46 || c === 32;
    // camelCase: an upper-case letter after a lower-case one starts a word.
    // camelCase: an upper-case letter after a lower-case one starts a word, as does the last capital of a run
    // followed by a lower-case letter (`notARealKey`: `A` is a word of its own).
    const upper = c >= 65 && c <= 90;
    const camel =
      upper &&
      i > from &&
      (isLowerAscii(value.charCodeAt(i - 1)) || (i + 1 < end && isLowerAscii(value.charCodeAt(i + 1))));
    if (!boundary && !camel) {
      if (!isLetterAscii(c)) return false;
      continue;
    }
    if (i > from) {
      if (!NAME_WORDS.has(value.slice(from, i).toLowerCase())) return false;
      words++;
    }
    from = boundary ? i + 1 : i;
  }
  return words > 0;
}

const isLowerAscii = (c: number): boolean => c >= 97 && c <= 122;
const isLetterAscii = (c: number): boolean => isLowerAscii(c | 32);

/**
 * A counting sequence (`12345678`, `abcdefghijklmnop`, `1234567890abcdef`, `0123456789`): typed by a person
 * filling in an example. Six characters or more, each the one after the previous (`9` or a closing `0` may go on
 * to `a`).
 */
function isSequence(value: string): boolean {
  const n = value.length;
  if (n < 6 || n > 64) return false;
  for (let i = 1; i < n; i++) {
    const a = value.charCodeAt(i - 1);
    const b = value.charCodeAt(i);
    if (b === a + 1 && isAlnumAscii(b)) continue;
    if ((a === 57 || a === 48) && (b === 48 || b === 97 || b === 65) && a !== b) continue;
    return false;
  }
  return true;
}

const isAlnumAscii = (c: number): boolean => (c >= 48 && c <= 57) || isLetterAscii(c);

/** Separators a number is printed with (`000.000.000-00`, `0000 0000`): ignored when looking for a repeat. */
function isNumberSeparator(c: number): boolean {
  return c === 46 || c === 45 || c === 47 || c === 32;
}

/** Mask characters: x X * • ● . _ # -. */
function isMaskChar(c: number): boolean {
  return (
    c === 120 ||
    c === 88 ||
    c === 42 ||
    c === 8226 ||
    c === 9679 ||
    c === 46 ||
    c === 95 ||
    c === 35 ||
    c === 45
  );
}

/**
 * One character repeated (separators aside: a CPF of eleven 1s is a filler, never issued), or only mask
 * characters (x * • . _ # -): checked without a regex.
 */
function isMask(value: string): boolean {
  let first = -1;
  let same = true;
  let mask = true;
  let repeats = 0;
  for (let i = 0; i < value.length && (same || mask); i++) {
    const c = value.charCodeAt(i);
    if (!isMaskChar(c)) mask = false;
    if (isNumberSeparator(c) && first !== c) continue;
    if (first === -1) first = c;
    if (c !== first) same = false;
    repeats++;
  }
  return (same && repeats > 1) || mask;
}

/**
 * For tokens with a fixed vendor prefix: the random body of a documentation example is a mask (`ghp_xxxx…`) or
 * says so (`…EXAMPLE`). Real bodies are random, so these checks cost no recall. Looks at the first 64 and last
 * 16 characters only, which bounds the work per candidate.
 */
export function isPlaceholderToken(body: string): boolean {
  if (body.length === 0) return true;
  // A mask: one character repeated, or only mask characters. Decided on the first characters, no allocation.
  const first = body.charCodeAt(0);
  let masked = true;
  for (let i = 0, stop = Math.min(body.length, 64); i < stop && masked; i++) {
    const c = body.charCodeAt(i);
    masked = c === first || c === 120 || c === 88 || c === 42 || c === 46 || c === 95 || c === 45 || c === 35;
  }
  if (masked) return true;
  const sample = body.length > 80 ? `${body.slice(0, 64)}|${body.slice(-16)}` : body;
  return TOKEN_HINT_CASED.test(sample);
}

/** TOKEN_HINT in the casings that occur, so no lowercase copy is made per candidate. */
const TOKEN_HINT_CASED =
  /[Ee]xample|EXAMPLE|xxxxxxxx|XXXXXXXX|\*\*\*|[Yy]our[-_]|YOUR[-_]|[Pp]laceholder|PLACEHOLDER|\.\.\./;
