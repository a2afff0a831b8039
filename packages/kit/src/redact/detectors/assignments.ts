import {
  ALNUM,
  B64STD,
  CLASSES,
  classOf,
  DASH,
  DIGIT,
  DOT,
  EQUALS,
  LOWER,
  nextIndex,
  UNDERSCORE,
  UPPER,
} from '../chars.ts';
import type { Detector, Emit } from '../detector.ts';
import { failsNamedScheme } from '../named-schemes.ts';
import { isPlaceholder } from '../placeholders.ts';
import { readHeaderValue } from './headers.ts';
import { createNameClassifier, type NameInfo } from './names.ts';

/**
 * Secrets recognised by the name they are assigned to: `DB_PASSWORD=…`, `"client_secret": "…"`, `api_key: …`,
 * `password = '…'`, `apiKey := "…"`, `secret_key => "…"`, `Password=…;` in a connection string, `&token=…` in a
 * query, `password="…"` in an XML attribute, and the headers `Authorization`, `X-Api-Key`, `Cookie`.
 *
 * Every `=` and `:` is a candidate, found with indexOf. Each is rejected cheaply unless the name before it ends
 * with the last letter of a sensitive name; only then is the name read, classified (cached) and the value read
 * with a character loop of bounded length. After a value the search resumes past it, so every character is
 * read a bounded number of times. A name/value pair (`name: DB_PASSWORD` then `value: …`) is followed too.
 */

const MAX_VALUE = 512;
const MAX_NAME = 64;
const PAIR_LOOKAHEAD = 160;

/** `config.auth.token`, `settings.API_KEY`: member access. Segments without digits, so `Xa9f.k2Lm` stays a secret. */
const CODE_REFERENCE = /^[A-Za-z_$][A-Za-z_$]*(?:\.[A-Za-z_$][A-Za-z_$]*)+$/;
const LOWER_WORD = /^[a-z]+$/;
/** `getpass()`, `Optional[str]`, `os.environ["X"]`: a call or a subscript, so code. */
const CODE_CALL = /^[A-Za-z_$][\w$.]*[([]/;
/** A PowerShell cmdlet (`ConvertTo-SecureString`, `Get-Credential`): a command whose argument follows. */
const CMDLET = /^[A-Z][a-z]{1,12}-[A-Z][A-Za-z]{1,40}$/;
const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+=]{40}$/;
const ABSOLUTE_PATH = /^(?:[/~]|[A-Za-z]:\\)/;
const PAIR_NAMES = new Set(['name', 'Name', 'key', 'Key', 'NAME', 'KEY', 'id']);

/** Letters, digits, `_`, `-`, `.`: the characters of a configuration key. */
const NAME_CHARS = ALNUM | UNDERSCORE | DASH | DOT;

function isNameChar(c: number): boolean {
  return (CLASSES[c]! & NAME_CHARS) !== 0;
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/** Quotes as HTML escapes them. */
const HTML_QUOTES = ['&quot;', '&#34;', '&#x22;', '&apos;', '&#39;', '&#x27;'];

/** Ends an unquoted value: blanks, quotes, separators of lists, queries and markup. */
function endsBareValue(c: number): boolean {
  return (
    c <= 32 ||
    isQuote(c) ||
    c === 44 ||
    c === 59 ||
    c === 38 ||
    c === 60 ||
    c === 62 ||
    c === 40 ||
    c === 41 ||
    c === 123 ||
    c === 125 ||
    c === 91 ||
    c === 93 ||
    c === 92
  );
}

export interface Value {
  readonly start: number;
  readonly end: number;
  /** Quote that enclosed it (0 for a bare value). */
  readonly quote: number;
  /** Longer than any value taken: not one, but `end` still says how far was read (scanning resumes there). */
  readonly tooLong?: boolean;
}

/**
 * The value after an operator ending at `at`: quoted (escapes honoured) or bare; undefined if none. A bare value
 * of a line-start assignment (env, INI, .properties, YAML) runs to the next blank: `api_key = Se397uy&524` is
 * all value, where `&` would end one inside a query string.
 */
export function readValue(text: string, at: number, lineStart = false): Value | undefined {
  let i = at;
  const blanks = i + 3;
  while (i < blanks && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  let c = text.charCodeAt(i);
  // An escaped quote, as in JSON inside a JSON string: \"value\" (or escaped twice: \\\"value\\\").
  if (c === 92) {
    let q = i + 1;
    while (q - i < 4 && text.charCodeAt(q) === 92) q++;
    if (text.charCodeAt(q) === 34) {
      i = q;
      c = 34;
    }
  }
  // HTML-escaped quotes (JSON or attributes shown in a page or an e-mail): the value ends at the next one.
  if (c === 38) {
    const entity = HTML_QUOTES.find((e) => text.startsWith(e, i));
    if (entity !== undefined) {
      const start = i + entity.length;
      const close = text.indexOf(entity, start);
      if (close <= start || close - start > MAX_VALUE || text.slice(start, close).includes('\n'))
        return undefined;
      return { start, end: close, quote: 38 };
    }
  }
  if (isQuote(c)) {
    const start = i + 1;
    // Opened by `\"` (JSON inside a JSON string): closed by `\"` too.
    const escaped = text.charCodeAt(i - 1) === 92;
    const limit = Math.min(text.length, start + MAX_VALUE + 1);
    let j = start;
    while (j < limit) {
      const d = text.charCodeAt(j);
      if (d === 10 || d === 13) return undefined;
      if (d === 92) {
        if (escaped) {
          // The closing quote carries as many backslashes as the opening one (`\"`, `\\\"`).
          let q = j + 1;
          while (q - j < 4 && text.charCodeAt(q) === 92) q++;
          if (text.charCodeAt(q) === c) break;
        }
        j += 2;
        continue;
      }
      if (d === c) {
        if (escaped) return undefined;
        break;
      }
      j++;
    }
    if (j === start) return undefined;
    return j >= limit ? { start, end: j, quote: c, tooLong: true } : { start, end: j, quote: c };
  }
  const limit = Math.min(text.length, i + MAX_VALUE + 1);
  let j = i;
  if (lineStart) {
    while (j < limit && text.charCodeAt(j) > 32) j++;
    // A statement's end, not part of the value: `token: string;`, `key = 1,`.
    while (j > i && (text.charCodeAt(j - 1) === 59 || text.charCodeAt(j - 1) === 44)) j--;
  } else while (j < limit && !endsBareValue(text.charCodeAt(j))) j++;
  if (j === i) return undefined;
  return j > i + MAX_VALUE ? { start: i, end: j, quote: 0, tooLong: true } : { start: i, end: j, quote: 0 };
}

/**
 * A YAML block scalar after `key:` (`|`, `>`, with a chomping or indentation indicator): the value is the
 * following lines indented deeper than the key's line, up to MAX_VALUE characters. Undefined if none.
 */
function blockScalar(text: string, at: number): Value | undefined {
  let i = at;
  while (text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  if (c !== 124 && c !== 62) return undefined;
  i++;
  for (let k = 0; k < 2; k++) {
    const d = text.charCodeAt(i);
    if (d === 45 || d === 43 || (d >= 49 && d <= 57)) i++;
  }
  while (text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) === 13) i++;
  if (text.charCodeAt(i) !== 10) return undefined;
  // The key's indentation: blanks at the start of its line.
  let lineStart = at;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  let keyIndent = 0;
  while (text.charCodeAt(lineStart + keyIndent) === 32) keyIndent++;
  let start = -1;
  let end = -1;
  let line = i + 1;
  const limit = Math.min(text.length, i + 1 + MAX_VALUE);
  while (line < limit) {
    let indent = 0;
    while (text.charCodeAt(line + indent) === 32) indent++;
    let eol = text.indexOf('\n', line);
    if (eol === -1) eol = text.length;
    const blank = line + indent >= eol || text.charCodeAt(line + indent) === 13;
    if (!blank && indent <= keyIndent) break;
    if (!blank) {
      if (start === -1) start = line + indent;
      end = text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    }
    line = eol + 1;
  }
  if (start === -1) return undefined;
  return end - start > MAX_VALUE ? { start, end, quote: 0, tooLong: true } : { start, end, quote: 124 };
}

/** Past the run of `c` at `at` (`====`, `::`): none of them is an assignment, so one look covers them all. */
function pastRun(text: string, at: number, c: number): number {
  let i = at + 1;
  while (text.charCodeAt(i) === c) i++;
  return i;
}

/** Does the name at `start` begin its line (after indentation or `export `)? */
function startsLine(text: string, start: number): boolean {
  let i = start;
  const stop = Math.max(0, start - 16);
  while (i > stop && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  if (text.startsWith('export', i - 6) && i - 6 >= 0) i -= 6;
  while (i > stop && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  return i === 0 || text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13;
}

/** Looks random enough to be a key rather than a word or an id: long, and mixing digits with letters or cases. */
function looksLikeKey(value: string): boolean {
  if (value.length < 16) return false;
  let bits = 0;
  for (let i = 0; i < value.length; i++) bits |= classOf(value.charCodeAt(i));
  const classes = (bits & DIGIT ? 1 : 0) + (bits & UPPER ? 1 : 0) + (bits & LOWER ? 1 : 0);
  return classes >= 2 || (bits & (B64STD ^ ALNUM)) !== 0 || (bits & EQUALS) !== 0;
}

export function createAssignmentDetector(
  isSensitiveName: (name: string) => boolean,
  extraFields: readonly string[],
): Detector {
  const names = createNameClassifier(isSensitiveName, extraFields);

  /** The name ending right before the operator at `op` (past blanks and a closing quote), or undefined. */
  const nameBefore = (text: string, op: number): { name: string; start: number } | undefined => {
    let end = op;
    const stop = Math.max(0, op - 3);
    while (end > stop && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    // A subscript: `$cfg['Servers'][$i]['password'] = …`, `config["db_password"] = …`, `ENV[:token] = …`.
    if (text.charCodeAt(end - 1) === 93) end--;
    if (isQuote(text.charCodeAt(end - 1))) {
      end--;
      for (let k = 0; k < 3 && text.charCodeAt(end - 1) === 92; k++) end--;
    } else if (text.charCodeAt(end - 1) === 59) {
      // `&quot;password&quot;:`: the name's closing quote is an entity.
      const entity = HTML_QUOTES.find((e) => text.startsWith(e, end - e.length));
      if (entity !== undefined) end -= entity.length;
    }
    if (!names.mayEnd(text, end)) return undefined;
    let start = end;
    const limit = Math.max(0, end - MAX_NAME);
    while (start > limit && isNameChar(text.charCodeAt(start - 1))) start--;
    return { name: text.slice(start, end), start };
  };

  /** Checks the value under a sensitive name and emits it when it is one. */
  const secretValue = (text: string, info: NameInfo, op: string, value: Value, emit: Emit): void => {
    const raw = text.slice(value.start, value.end);
    if (raw.length < info.minimum || isPlaceholder(raw)) return;
    if (value.quote === 0) {
      const next = text.charCodeAt(value.end);
      // Code, not a literal: `password = getPassword()`, `token: config.auth.token`, `secret: Optional[str]`.
      if (next === 40 || next === 91 || CODE_REFERENCE.test(raw) || CODE_CALL.test(raw)) return;
      if (CMDLET.test(raw)) return;
      // Prose, not YAML: "password: please contact the administrator".
      if (op === ':' && next === 32 && LOWER_WORD.test(raw)) return;
      // The shell's working directory, not a password.
      if ((info.norm === 'pwd' || info.norm === 'oldpwd') && ABSOLUTE_PATH.test(raw)) return;
    }
    if (info.nameClass === 'weak' && !looksLikeKey(raw)) return;
    if (info.nameClass === 'personal') {
      if (failsNamedScheme(info.norm, raw)) return;
      let digits = 0;
      for (let i = 0; i < raw.length; i++) if ((classOf(raw.charCodeAt(i)) & DIGIT) !== 0) digits++;
      if (digits >= 5) emit(value.start, value.end, 'national_id');
      return;
    }
    let kind = info.kind ?? 'secret_assignment';
    if (info.aws && AWS_SECRET_SHAPE.test(raw)) {
      if (raw.includes('EXAMPLE')) return;
      kind = 'aws_secret_key';
    }
    emit(value.start, value.end, kind);
  };

  /** `name: DB_PASSWORD` … `value: hunter2`: the value that follows a pair naming a secret. */
  const pairValue = (text: string, from: number, weak: boolean, emit: Emit): number => {
    const limit = Math.min(text.length, from + PAIR_LOOKAHEAD);
    for (let i = from; i < limit; i++) {
      const c = text.charCodeAt(i);
      // The value is in the same element or object, or the first key of the next line: not further.
      if (c === 62 || c === 125) return from;
      if (c === 10) {
        let next = i + 1;
        while (next < limit && (text.charCodeAt(next) === 32 || text.charCodeAt(next) === 9)) next++;
        if (
          !text.startsWith('value', next) &&
          !text.startsWith('Value', next) &&
          !text.startsWith('"value"', next)
        ) {
          return from;
        }
        i = next;
        continue;
      }
      if (c !== 61 && c !== 58) continue;
      let nameEnd = i;
      while (nameEnd > from && (text.charCodeAt(nameEnd - 1) === 32 || isQuote(text.charCodeAt(nameEnd - 1))))
        nameEnd--;
      const name = text.slice(Math.max(from, nameEnd - 5), nameEnd);
      if (name !== 'value' && name !== 'Value' && name !== 'VALUE') continue;
      const value = readValue(text, i + 1);
      if (value === undefined) return i + 1;
      const raw = text.slice(value.start, value.end);
      if (!value.tooLong && !isPlaceholder(raw) && (!weak || looksLikeKey(raw))) {
        emit(value.start, value.end, 'secret_assignment');
      }
      return value.end;
    }
    return from;
  };

  /** Handles the operator character at `op`; returns where the search may resume. */
  const operator = (text: string, op: number, emit: Emit): number => {
    const c = text.charCodeAt(op);
    const next = text.charCodeAt(op + 1);
    let nameEnd = op;
    let valueAt = op + 1;
    let opText = '=';
    if (c === 61) {
      const prev = text.charCodeAt(op - 1);
      // Comparisons and arrows: `==`, `!=`, `<=`, `>=`; `=>` and `:=` are assignments.
      if (next === 61 || prev === 61 || prev === 33 || prev === 60 || prev === 62)
        return pastRun(text, op, 61);
      // `:=` (Go, Make), `?=` and `+=` (Make, shells): assignments too.
      if (prev === 58 || prev === 63 || prev === 43) nameEnd = op - 1;
      if (next === 62) valueAt = op + 2;
    } else {
      // `:` — not a timestamp, port or URL (`10:22`, `:8080`, `://`), not `::`, not `:=` (the `=` pass has it).
      // LDIF writes a base64 value after `::` (`userPassword:: e1NTSEF9…`).
      if (next === 58 && text.charCodeAt(op + 2) === 32 && isNameChar(text.charCodeAt(op - 1)))
        valueAt = op + 2;
      else if ((next >= 48 && next <= 57) || next === 47 || next === 58 || next === 61)
        return pastRun(text, op, 58);
      if (text.charCodeAt(op - 1) === 58) return pastRun(text, op, 58);
      opText = ':';
    }
    const before = nameBefore(text, nameEnd);
    if (before === undefined) return op + 1;
    const info = names.classify(before.name);
    if (info.nameClass === 'none') {
      if (PAIR_NAMES.has(before.name)) {
        const value = readValue(text, valueAt);
        const named =
          value !== undefined && value.end - value.start <= 64
            ? names.classify(text.slice(value.start, value.end))
            : undefined;
        if (value !== undefined && (named?.nameClass === 'secret' || named?.nameClass === 'weak')) {
          return pairValue(text, value.end, named.nameClass === 'weak', emit);
        }
      }
      return op + 1;
    }
    if (info.nameClass === 'authorization' || info.nameClass === 'cookie') {
      return readHeaderValue(text, valueAt, info.nameClass === 'cookie', emit);
    }
    const value =
      opText === ':'
        ? (blockScalar(text, valueAt) ?? readValue(text, valueAt, startsLine(text, before.start)))
        : readValue(text, valueAt, startsLine(text, before.start));
    if (value === undefined) return op + 1;
    if (!value.tooLong) secretValue(text, info, opText, value, emit);
    return value.end;
  };

  const each = (text: string, char: string, emit: Emit): void => {
    for (let op = nextIndex(text, char, 0); op !== -1; ) {
      const resume = operator(text, op, emit);
      op = nextIndex(text, char, Math.max(resume, op + 1));
    }
  };

  return {
    kinds: ['secret_assignment', 'authorization_header', 'aws_secret_key', 'national_id'],
    probes: [
      'password=',
      'token: ',
      'api_key:',
      '"secret":"',
      'Authorization: ',
      'Cookie: ',
      'name: DB_PASSWORD\n',
    ],
    scan(text, emit) {
      // Headers first, so `Set-Cookie: session=…` is named by its header.
      each(text, ':', emit);
      each(text, '=', emit);
    },
  };
}
