/**
 * Values that sit where a secret would but are not one: templates, masks, references to a secret store, type
 * names in code, and our own markers (so redacting twice changes nothing). Redacting them would hide what a
 * config or snippet means without protecting anything.
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
]);

const LONGEST_WORD = Math.max(...[...WORDS].map((word) => word.length));

/**
 * Templates and references: ${VAR}, $VAR, $(cmd), %(x)s, %VAR%, <your-token>, {{ x }}, [REDACTED:…], YAML tags
 * like !vault. Kept narrow so a real password that merely starts with a symbol is still redacted.
 */
const TEMPLATE =
  /^(?:\$(?:\{|\(|[A-Z_][A-Z0-9_]*$)|%(?:\(|s$|[A-Z_][A-Z0-9_]*%$)|<|\{\{|\[REDACTED|!(?:vault|Ref|Sub|GetAtt|secret)\b)/;
/** Masks and fillers: xxxx, ****, ••••, ----, ####, ...., or one character repeated. */
const MASK = /^(?:[x*•._#-]+|(.)\1+)$/i;
/** Hints anywhere in the value, in their case variants (cheaper than the `i` flag on every value). */
const HINT =
  /[Ee]xample|EXAMPLE|[Pp]laceholder|PLACEHOLDER|[Cc]hange_?[Mm]e|CHANGE_?ME|^(?:[Yy]our|YOUR|[Mm]y|MY|[Ss]ome|[Ee]nter|[Ii]nsert|[Rr]eplace|[Pp]ut)[-_ ]|_here$|-here$|_HERE$/;
/** References to where the secret lives rather than the secret: env lookups, secret stores, member access. */
const REFERENCE =
  /^(?:process\.env|os\.environ|os\.getenv|getenv|env\.|secrets\.|vault:|arn:aws:secretsmanager|ref\+)/i;

export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  if (TEMPLATE.test(value) || MASK.test(value)) return true;
  if (value.length <= LONGEST_WORD && WORDS.has(value.toLowerCase())) return true;
  return HINT.test(value) || REFERENCE.test(value);
}

/**
 * What marks a documentation example inside a token body: a run of x's or stars, EXAMPLE, your_… . Spelled out
 * in its case variants rather than with the `i` flag: this runs on every candidate token, and a case-insensitive
 * pattern over long bodies (JWTs, project keys) costs as much again as the scan that found them.
 */
const TOKEN_HINT = /EXAMPLE|[Ee]xample|xxxxxxxx|XXXXXXXX|\*\*\*|[Yy]our[-_]|YOUR_/;

/**
 * For tokens with a fixed vendor prefix: the random body of a documentation example is a mask (`ghp_xxxx…`) or
 * says so (`…EXAMPLE`). Real bodies are random base62, so these checks cost no recall.
 */
export function isPlaceholderToken(body: string): boolean {
  return MASK.test(body) || TOKEN_HINT.test(body);
}
