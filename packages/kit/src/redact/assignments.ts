import type { Detector, Emit } from './detector.ts';
import { normaliseFieldName } from './field-names.ts';
import { isPlaceholder } from './placeholders.ts';

/**
 * Secrets recognised by what they are assigned to rather than by their shape: `DB_PASSWORD=…`,
 * `"client_secret": "…"`, `api_key: …`, `password = '…'`, `Authorization: Bearer …`, `Cookie: sid=…`.
 *
 * One case-insensitive scan finds the stems of sensitive names; only at a hit does the detector read the whole
 * identifier around it, check that an assignment operator follows, and read the value with sticky patterns.
 * The name rule is the same as for structured field names, so `tokens_used: 1200` and `max_tokens=4096` are
 * never touched while `githubToken: …` is.
 */

const STEMS = [
  'pass',
  'pwd',
  'secret',
  'token',
  'key',
  'authoriz',
  'bearer',
  'cookie',
  'session',
  'ssn',
  'card',
];
const STEMS_TOO = ['credential', 'cvv', 'cvc'];

/** `=`, `:`, `=>`, `:=` with an optional closing quote of the key before it (`"password": …`, `\"token\":…`). */
const OPERATOR = /\\?["'`]?[ \t]{0,3}(?:=>|:=|=|:)[ \t]{0,3}/y;
const VALUE =
  /\\?"((?:[^"\\\r\n]|\\[^"\r\n]){1,512})\\?"|'([^'\r\n]{1,512})'|`([^`\r\n]{1,512})`|([^\s"'`,;&<>(){}[\]\\]{1,512})/dy;
const AUTH_VALUE =
  /(?:\[[ \t]{0,3})?\\?["'`]?(?:(?:Digest|AWS4-HMAC-SHA256|OAuth|Signature|Mutual|HOBA)[ \t]+([^\r\n"'`\\]{6,4096})|(?:(?:Bearer|Basic|Token|Negotiate|NTLM|ApiKey|Api-Key|Bot|JWT|SSWS|Key)[ \t]+)?([^\s"'`\\,;\]]{8,4096}))/diy;
const COOKIE_VALUE = /\\?["'`]?([^\r\n"'`\\]{8,4096})/dy;
const BEARER_VALUE = /[ \t]+([A-Za-z0-9._~+/-]{16,4096}=*)/dy;

/** `config.auth.token`, `settings.API_KEY`: member access. Segments without digits, so `Xa9f.k2Lm` stays a secret. */
const CODE_REFERENCE = /^[A-Za-z_$][A-Za-z_$]*(?:\.[A-Za-z_$][A-Za-z_$]*)+$/;
const LOWER_WORD = /^[a-z]+$/;
const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+=]{40}$/;
const HAS_DIGIT = /\d/;
const HAS_LETTER = /[A-Za-z]/;
const ABSOLUTE_PATH = /^(?:[/~]|[A-Za-z]:\\)/;

const MAX_NAME = 64;

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46
  );
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The last word of an operator's extra field name (`license_key` → `key`, `pinCode` → `code`) as a stem. */
function lastWord(name: string): string {
  const words = name.split(/[-_. ]+|(?<=[a-z0-9])(?=[A-Z])/).filter((w) => w.length > 0);
  return (words[words.length - 1] ?? '').toLowerCase();
}

function minimumLength(norm: string): number {
  if (norm.endsWith('cvv') || norm.endsWith('cvc')) return 3;
  if (/(?:pass|passwd|password|pwd|passphrase)$/.test(norm)) return 6;
  return 8;
}

export function createAssignmentDetector(
  isSensitiveName: (name: string) => boolean,
  extraFields: readonly string[],
): Detector {
  const stems = [...new Set([...STEMS, ...STEMS_TOO, ...extraFields.map(lastWord)])].filter(
    (s) => s.length > 0,
  );
  const trigger = new RegExp(stems.map(escapeRegex).join('|'), 'gi');

  /** Emits the value that follows `name` when it is a real secret; returns where scanning may resume. */
  const readValue = (text: string, name: string, at: number, emit: Emit): number => {
    // The operator check is first: it is the cheapest and rejects nearly every hit in prose and code.
    OPERATOR.lastIndex = at;
    const op = OPERATOR.exec(text);
    if (op === null) return at;
    const norm = normaliseFieldName(name);
    const isAuthorization = norm.endsWith('authorization');
    const isCookie = norm.endsWith('cookie');
    if (!isAuthorization && !isCookie && !isSensitiveName(name)) return at;
    const valueAt = at + op[0].length;

    if (isAuthorization || isCookie) {
      const pattern = isAuthorization ? AUTH_VALUE : COOKIE_VALUE;
      pattern.lastIndex = valueAt;
      const m = pattern.exec(text);
      if (m === null) return valueAt;
      const group = m[1] !== undefined ? 1 : 2;
      const value = m[group] ?? '';
      const span = m.indices?.[group];
      if (span === undefined || isPlaceholder(value)) return valueAt;
      if (isCookie && !value.includes('=')) return valueAt;
      emit(span[0], span[1], 'authorization_header');
      return span[1];
    }

    VALUE.lastIndex = valueAt;
    const m = VALUE.exec(text);
    if (m === null) return valueAt;
    const group = m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4;
    const value = m[group] ?? '';
    const span = m.indices?.[group];
    if (span === undefined) return valueAt;
    const end = span[1];
    if (value.length < minimumLength(norm) || isPlaceholder(value)) return end;
    if (group === 4) {
      const next = text.charCodeAt(end);
      // Code, not a literal: `password = getPassword()`, `token: config.auth.token`, `secret: Optional[str]`.
      if (next === 40 || next === 91 || CODE_REFERENCE.test(value)) return end;
      // Prose, not YAML: "password: please contact the administrator".
      if (op[0].includes(':') && LOWER_WORD.test(value) && next === 32) return end;
      // The shell's working directory, not a password.
      if ((norm === 'pwd' || norm === 'oldpwd') && ABSOLUTE_PATH.test(value)) return end;
    }
    let kind = 'secret_assignment';
    if ((norm.includes('aws') || norm.endsWith('secretaccesskey')) && AWS_SECRET_SHAPE.test(value)) {
      if (value.includes('EXAMPLE')) return end;
      kind = 'aws_secret_key';
    }
    emit(span[0], end, kind);
    return end;
  };

  const readBearer = (text: string, at: number, emit: Emit): number => {
    BEARER_VALUE.lastIndex = at;
    const m = BEARER_VALUE.exec(text);
    const token = m?.[1];
    const span = m?.indices?.[1];
    if (token === undefined || span === undefined) return at;
    if (!HAS_DIGIT.test(token) || !HAS_LETTER.test(token) || isPlaceholder(token)) return at;
    emit(span[0], span[1], 'authorization_header');
    return span[1];
  };

  return {
    kinds: ['secret_assignment', 'authorization_header', 'aws_secret_key'],
    scan(text, emit) {
      trigger.lastIndex = 0;
      for (let hit = trigger.exec(text); hit !== null; hit = trigger.exec(text)) {
        let start = hit.index;
        let end = start + hit[0].length;
        while (start > 0 && hit.index - start < MAX_NAME && isNameChar(text.charCodeAt(start - 1))) start--;
        while (end < text.length && end - hit.index < MAX_NAME && isNameChar(text.charCodeAt(end))) end++;
        const name = text.slice(start, end);
        const resume =
          name.length === 6 && name.toLowerCase() === 'bearer'
            ? readBearer(text, end, emit)
            : readValue(text, name, end, emit);
        trigger.lastIndex = Math.max(end, resume);
      }
    },
  };
}
