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

export function isPlaceholder(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  if (n > MAX_CHECKED) return false;
  if (TEMPLATE_START.has(value.charCodeAt(0)) && TEMPLATE.test(value.toLowerCase())) return true;
  if (isMask(value)) return true;
  if (n <= LONGEST_WORD && WORDS.has(value.toLowerCase())) return true;
  return ANY_HINT.test(value);
}

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
