import {
  ALNUM,
  B64STD,
  B64URL,
  classOf,
  DASH,
  DIGIT,
  DOT,
  EQUALS,
  LOWER,
  nextIndex,
  TILDE,
  UNDERSCORE,
  UPPER,
} from '../chars.ts';
import type { Detector, Emit } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';

/**
 * Values of the credential-carrying HTTP headers, after `Authorization:` / `Cookie:` (or their JSON and
 * header-array spellings). Authorization: the credentials after the scheme (`Bearer`, `Basic`, `token`, …),
 * or the whole parameter list of the signature schemes (`Digest`, `AWS4-HMAC-SHA256`, `OAuth`). Cookies: the
 * values of the cookies that carry a session or a credential, or that look random; analytics and preference
 * cookies (`_ga=GA1.2.…`, `theme=dark`) stay readable.
 */

const MAX_HEADER = 4096;
const SIGNATURE_SCHEMES = /^(?:digest|aws4-hmac-sha256|oauth|signature|mutual|hoba)$/i;
const TOKEN_SCHEMES = /^(?:bearer|basic|token|negotiate|ntlm|apikey|api-key|bot|jwt|ssws|key|dpop|mac)$/i;
const SESSION_COOKIE = /sess|sid|token|auth|jwt|key|secret|remember|login|csrf|xsrf|pass|cred|^id$/i;

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Ends a header value: line end, a quote, or an escape (JSON `\"`, `\r\n`). */
function endsHeader(c: number): boolean {
  return Number.isNaN(c) || c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 92;
}

/** A random-looking cookie value: 16+ letters and digits in one piece (`GA1.2.123.456`-style ids are pieces). */
function randomLooking(value: string): boolean {
  let bits = 0;
  let piece = 0;
  let longest = 0;
  for (let i = 0; i < value.length; i++) {
    const c = classOf(value.charCodeAt(i));
    bits |= c;
    piece = (c & (ALNUM | UNDERSCORE | DASH)) !== 0 ? piece + 1 : 0;
    if (piece > longest) longest = piece;
  }
  return longest >= 16 && (bits & DIGIT) !== 0 && (bits & (UPPER | LOWER)) !== 0;
}

/** Past blanks, an opening quote or bracket, and their escapes. */
function valueStart(text: string, at: number): number {
  let i = at;
  for (let steps = 0; steps < 6; steps++) {
    const c = text.charCodeAt(i);
    if (
      isBlank(c) ||
      c === 91 ||
      c === 34 ||
      c === 39 ||
      c === 96 ||
      (c === 92 && text.charCodeAt(i + 1) === 34)
    )
      i++;
    else break;
  }
  return i;
}

function authorization(text: string, at: number, emit: Emit): number {
  const start = valueStart(text, at);
  let i = start;
  while ((classOf(text.charCodeAt(i)) & ALNUM) !== 0 || text.charCodeAt(i) === 45) i++;
  const scheme = text.slice(start, i);
  let credentials = start;
  let end: number;
  const limit = Math.min(text.length, start + MAX_HEADER);
  if (isBlank(text.charCodeAt(i)) && SIGNATURE_SCHEMES.test(scheme)) {
    credentials = i + 1;
    end = credentials;
    while (end < limit && !endsHeader(text.charCodeAt(end))) end++;
  } else {
    if (isBlank(text.charCodeAt(i)) && TOKEN_SCHEMES.test(scheme)) {
      credentials = i;
      while (isBlank(text.charCodeAt(credentials))) credentials++;
    }
    end = credentials;
    while (
      end < limit &&
      !endsHeader(text.charCodeAt(end)) &&
      !isBlank(text.charCodeAt(end)) &&
      text.charCodeAt(end) !== 44 &&
      text.charCodeAt(end) !== 93
    )
      end++;
  }
  const value = text.slice(credentials, end);
  if (end - credentials >= 8 && !isPlaceholder(value)) emit(credentials, end, 'authorization_header');
  return Math.max(end, at + 1);
}

function cookies(text: string, at: number, emit: Emit): number {
  const limit = Math.min(text.length, at + MAX_HEADER);
  let i = valueStart(text, at);
  while (i < limit && !endsHeader(text.charCodeAt(i))) {
    while (i < limit && (isBlank(text.charCodeAt(i)) || text.charCodeAt(i) === 59)) i++;
    const nameStart = i;
    while (
      i < limit &&
      text.charCodeAt(i) !== 61 &&
      text.charCodeAt(i) !== 59 &&
      !endsHeader(text.charCodeAt(i))
    )
      i++;
    if (text.charCodeAt(i) !== 61) continue;
    const name = text.slice(nameStart, i).trim();
    const valueAt = ++i;
    while (i < limit && text.charCodeAt(i) !== 59 && !endsHeader(text.charCodeAt(i))) i++;
    const value = text.slice(valueAt, i);
    if (value.length >= 8 && !isPlaceholder(value) && (SESSION_COOKIE.test(name) || randomLooking(value))) {
      emit(valueAt, i, 'authorization_header');
    }
  }
  return Math.max(i, at + 1);
}

/** Reads an Authorization or Cookie header value starting at `at`; returns where scanning may resume. */
export function readHeaderValue(text: string, at: number, cookie: boolean, emit: Emit): number {
  return cookie ? cookies(text, at, emit) : authorization(text, at, emit);
}

const BEARER = 'Bearer ';
const BEARER_TOKEN = B64STD | B64URL | DOT | TILDE | EQUALS;

/**
 * `Bearer <token>` outside an Authorization header (curl commands, log lines); the scheme stays visible.
 * Case-sensitive on purpose: "bearer token" in prose is lowercase.
 */
export function createBearerDetector(): Detector {
  return {
    kinds: ['authorization_header'],
    probes: [BEARER, 'Bearer Bearer '],
    scan(text, emit) {
      for (let at = nextIndex(text, BEARER, 0); at !== -1; at = nextIndex(text, BEARER, at + 1)) {
        let start = at + BEARER.length;
        while (text.charCodeAt(start) === 32) start++;
        let end = start;
        const limit = Math.min(text.length, start + MAX_HEADER);
        while (end < limit && (classOf(text.charCodeAt(end)) & BEARER_TOKEN) !== 0) end++;
        if (end - start < 16 || !randomLooking(text.slice(start, end))) continue;
        if (isPlaceholder(text.slice(start, end))) continue;
        emit(start, end, 'authorization_header');
        at = end - 1;
      }
    },
  };
}
