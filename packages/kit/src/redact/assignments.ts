import type { Detector, Emit } from './detector.ts';
import { DEFAULT_SENSITIVE_FIELDS, normaliseFieldName } from './field-names.ts';
import { isPlaceholder } from './placeholders.ts';

/**
 * Secrets recognised by what they are assigned to rather than by their shape: `DB_PASSWORD=…`,
 * `"client_secret": "…"`, `api_key: …`, `password = '…'`, `Authorization: Bearer …`, `Cookie: sid=…`.
 *
 * The scan stops only at assignment operators that directly follow a name ending in the last word of a
 * sensitive name (`…password=`, `…Token":`, `…_KEY:`). The checks run cheapest first: a lookahead drops the
 * colons of timestamps, ports and URLs (`10:22`, `:8080`, `://`), a lookbehind wants a letter before the
 * operator, and only then are the stems tried. At a hit the detector reads the whole name and applies the same
 * rule as for structured field names, so `tokens_used: 1200` and `max_tokens=4096` are never touched while
 * `githubToken: …` is; then it reads the value with sticky patterns and rejects placeholders. `Bearer …` outside
 * a header is a credential rule (credentials.ts).
 */

const VALUE =
  /[ \t]{0,3}(?:\\?"((?:[^"\\\r\n]|\\[^"\r\n]){1,512})\\?"|'([^'\r\n]{1,512})'|`([^`\r\n]{1,512})`|([^\s"'`,;&<>(){}[\]\\]{1,512}))/y;
const AUTH_VALUE =
  /[ \t]{0,3}(?:\[[ \t]{0,3})?\\?["'`]?(?:(?:Digest|AWS4-HMAC-SHA256|OAuth|Signature|Mutual|HOBA)[ \t]+([^\r\n"'`\\]{6,4096})|(?:(?:Bearer|Basic|Token|Negotiate|NTLM|ApiKey|Api-Key|Bot|JWT|SSWS|Key)[ \t]+)?([^\s"'`\\,;\]]{8,4096}))/iy;
const COOKIE_VALUE = /[ \t]{0,3}\\?["'`]?([^\r\n"'`\\]{8,4096})/y;

/** `config.auth.token`, `settings.API_KEY`: member access. Segments without digits, so `Xa9f.k2Lm` stays a secret. */
const CODE_REFERENCE = /^[A-Za-z_$][A-Za-z_$]*(?:\.[A-Za-z_$][A-Za-z_$]*)+$/;
const LOWER_WORD = /^[a-z]+$/;
const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+=]{40}$/;
const ABSOLUTE_PATH = /^(?:[/~]|[A-Za-z]:\\)/;
const PASSWORD_NAME = /(?:pass|passwd|password|pwd|passphrase)$/;

const MAX_NAME = 64;

const NONE = 0;
const SECRET = 1;
const AUTHORIZATION = 2;
const COOKIE = 3;
type NameClass = typeof NONE | typeof SECRET | typeof AUTHORIZATION | typeof COOKIE;

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46
  );
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The last word of a sensitive field name (`client_secret` → `secret`, `pinCode` → `code`), used as a stem. */
function lastWord(name: string): string {
  const words = name.split(/[-_. ]+|(?<=[a-z0-9])(?=[A-Z])/).filter((w) => w.length > 0);
  return (words[words.length - 1] ?? '').toLowerCase();
}

function minimumLength(norm: string): number {
  if (norm.endsWith('cvv') || norm.endsWith('cvc')) return 3;
  return PASSWORD_NAME.test(norm) ? 6 : 8;
}

/** The first defined group of a sticky match whose groups all end the match (headers, bearer tokens). */
function trailingGroup(
  m: RegExpExecArray,
  groups: number,
): { value: string; start: number; end: number } | undefined {
  const end = m.index + m[0].length;
  for (let g = 1; g <= groups; g++) {
    const value = m[g];
    if (value !== undefined) return { value, start: end - value.length, end };
  }
  return undefined;
}

interface NameInfo {
  readonly nameClass: NameClass;
  readonly norm: string;
  readonly minimum: number;
  readonly aws: boolean;
}

/** What the assignment detector reports (it is built per configuration, its kinds are fixed). */
export const ASSIGNMENT_KINDS: readonly string[] = [
  'secret_assignment',
  'authorization_header',
  'aws_secret_key',
];

export function createAssignmentDetector(
  isSensitiveName: (name: string) => boolean,
  extraFields: readonly string[],
): Detector {
  // Names are sensitive when they end with a sensitive name, so the stems are those names' last words.
  const stems = [...new Set([...DEFAULT_SENSITIVE_FIELDS, ...extraFields].map(lastWord))].filter(
    (s) => s.length > 0,
  );
  const closing = String.raw`(?:\\?["'\`])?[ \t]{0,3}`;
  const trigger = new RegExp(
    `(?==|:(?![\\d/]))(?<=[A-Za-z]${closing})(?<=(?:${stems.map(escapeRegex).join('|')})${closing})(?:=>|:=|=|:)`,
    'gi',
  );

  const names = new Map<string, NameInfo>();
  const classify = (name: string): NameInfo => {
    let info = names.get(name);
    if (info === undefined) {
      const norm = normaliseFieldName(name);
      let nameClass: NameClass = NONE;
      if (norm.endsWith('authorization')) nameClass = AUTHORIZATION;
      else if (norm.endsWith('cookie')) nameClass = COOKIE;
      else if (isSensitiveName(name)) nameClass = SECRET;
      const aws = norm.includes('aws') || norm.endsWith('secretaccesskey');
      info = { nameClass, norm, minimum: minimumLength(norm), aws };
      // Names come from a small vocabulary; the bound only guards against data-derived keys.
      if (names.size >= 4096) names.clear();
      names.set(name, info);
    }
    return info;
  };

  /** The identifier before an operator at `op`: past spaces, a closing quote and its escape. */
  const nameBefore = (text: string, op: number): string => {
    let end = op;
    while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    const quote = text.charCodeAt(end - 1);
    if (quote === 34 || quote === 39 || quote === 96) end--;
    if (text.charCodeAt(end - 1) === 92) end--;
    let start = end;
    while (start > 0 && end - start < MAX_NAME && isNameChar(text.charCodeAt(start - 1))) start--;
    return text.slice(start, end);
  };

  /** Returns where scanning may resume. */
  const readHeader = (
    text: string,
    pattern: RegExp,
    valueAt: number,
    cookie: boolean,
    emit: Emit,
  ): number => {
    pattern.lastIndex = valueAt;
    const m = pattern.exec(text);
    const found = m === null ? undefined : trailingGroup(m, 2);
    if (found === undefined) return valueAt;
    // A rejected value is still skipped whole, so a long one is never read again from inside itself.
    if (isPlaceholder(found.value) || (cookie && !found.value.includes('='))) return found.end;
    emit(found.start, found.end, 'authorization_header');
    return found.end;
  };

  const readSecret = (
    text: string,
    info: NameInfo,
    operator: string,
    valueAt: number,
    emit: Emit,
  ): number => {
    VALUE.lastIndex = valueAt;
    const m = VALUE.exec(text);
    if (m === null) return valueAt;
    const group = m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4;
    const value = m[group]!;
    // Where the value starts: past the spaces, then past its opening quote (and that quote's escape).
    let start = valueAt;
    while (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9) start++;
    if (group === 1 && text.charCodeAt(start) === 92) start++;
    if (group !== 4) start++;
    const end = start + value.length;
    if (value.length < info.minimum || isPlaceholder(value)) return end;
    if (group === 4) {
      const next = text.charCodeAt(end);
      // Code, not a literal: `password = getPassword()`, `token: config.auth.token`, `secret: Optional[str]`.
      if (next === 40 || next === 91 || CODE_REFERENCE.test(value)) return end;
      // Prose, not YAML: "password: please contact the administrator".
      if (operator === ':' && next === 32 && LOWER_WORD.test(value)) return end;
      // The shell's working directory, not a password.
      if ((info.norm === 'pwd' || info.norm === 'oldpwd') && ABSOLUTE_PATH.test(value)) return end;
    }
    let kind = 'secret_assignment';
    if (info.aws && AWS_SECRET_SHAPE.test(value)) {
      if (value.includes('EXAMPLE')) return end;
      kind = 'aws_secret_key';
    }
    emit(start, end, kind);
    return end;
  };

  return {
    kinds: ASSIGNMENT_KINDS,
    scan(text, emit) {
      trigger.lastIndex = 0;
      for (let hit = trigger.exec(text); hit !== null; hit = trigger.exec(text)) {
        const operator = hit[0];
        const valueAt = hit.index + operator.length;
        const info = classify(nameBefore(text, hit.index));
        if (info.nameClass === NONE) continue;
        let resume: number;
        if (info.nameClass === SECRET) resume = readSecret(text, info, operator, valueAt, emit);
        else {
          const pattern = info.nameClass === AUTHORIZATION ? AUTH_VALUE : COOKIE_VALUE;
          resume = readHeader(text, pattern, valueAt, info.nameClass === COOKIE, emit);
        }
        if (resume > trigger.lastIndex) trigger.lastIndex = resume;
      }
    },
  };
}
