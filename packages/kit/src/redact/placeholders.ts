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

/**
 * Templates and references: ${VAR}, $VAR, $(cmd), %(x)s, %VAR%, <your-token>, {{ x }}, [REDACTED:…], YAML tags
 * like !vault. Kept narrow so a real password that merely starts with a symbol is still redacted.
 */
const TEMPLATE =
  /^(?:\$(?:\{|\(|[A-Z_][A-Z0-9_]*$)|%(?:\(|s$|[A-Z_][A-Z0-9_]*%$)|<|\{\{|\[REDACTED|!(?:vault|Ref|Sub|GetAtt|secret)\b)/;
/** Masks and fillers: xxxx, ****, ••••, ----, ####, ...., or one character repeated. */
const MASK = /^(?:[x*•._#-]+|(.)\1+)$/i;
const HINT = /example|placeholder|changeme|^(?:your|my|some|enter|insert|replace|put)[-_ ]|_here$|-here$/i;
/** References to where the secret lives rather than the secret: env lookups, secret stores, member access. */
const REFERENCE =
  /^(?:process\.env|os\.environ|os\.getenv|getenv|env\.|secrets\.|vault:|arn:aws:secretsmanager|ref\+)/i;

export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  if (TEMPLATE.test(value)) return true;
  if (MASK.test(value)) return true;
  if (WORDS.has(value.toLowerCase())) return true;
  return HINT.test(value) || REFERENCE.test(value);
}

/**
 * For tokens with a fixed vendor prefix: the random body of a documentation example is a mask (`ghp_xxxx…`) or
 * says so (`…EXAMPLE`). Real bodies are random base62, so these checks cost no recall.
 */
export function isPlaceholderToken(body: string): boolean {
  return MASK.test(body) || /x{8,}|\*{3,}|example|placeholder|your[-_]/i.test(body);
}
