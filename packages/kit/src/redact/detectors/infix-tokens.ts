import {
  ALNUM,
  B64URL,
  classOf,
  DIGIT,
  DOT,
  EQUALS,
  isDigit,
  isHex,
  nextIndex,
  runEnd,
  runStart,
  TILDE,
  UNDERSCORE,
} from '../chars.ts';
import type { Detector, Emit } from '../detector.ts';
import { isPlaceholderToken } from '../placeholders.ts';
import { readContinuation } from './line-breaks.ts';

/**
 * Vendor credentials whose recognisable part is in the middle: Azure AD client secrets (`xxx8Q~…`), Terraform
 * Cloud tokens (`<14>.atlasv1.<60–70>`), Mailchimp keys (`<32 hex>-us12`), Telegram bot tokens
 * (`123456789:AA…`). Each infix is searched with indexOf and the token is read outward from it, with bounded
 * reads on both sides.
 */

interface InfixRule {
  readonly kind: string;
  readonly infix: string;
  /** Start of the token for an infix at `at`, or -1. */
  readonly before: (text: string, at: number) => number;
  /** End of the token for an infix at `at`, or -1. */
  readonly after: (text: string, at: number) => number;
}

const AZURE_BODY = ALNUM | TILDE | DOT | B64URL;

const RULES: readonly InfixRule[] = [
  {
    kind: 'azure_client_secret',
    infix: 'Q~',
    before: (text, at) => {
      const start = at - 4;
      if (!isDigit(text.charCodeAt(at - 1))) return -1;
      for (let i = start; i < at - 1; i++)
        if ((classOf(text.charCodeAt(i)) & (ALNUM | TILDE | DOT | UNDERSCORE)) === 0) return -1;
      return (classOf(text.charCodeAt(start - 1)) & ALNUM) === 0 ? start : -1;
    },
    after: (text, at) => {
      let end = runEnd(text, at + 2, AZURE_BODY, at + 2 + 35);
      let length = end - (at + 2);
      if (length < 31) {
        const more = readContinuation(text, end, AZURE_BODY, 31 - length, 34 - length);
        if (more !== undefined) {
          end = more.end;
          length += more.length;
        }
      }
      return length >= 31 && length <= 34 && (classOf(text.charCodeAt(end)) & ALNUM) === 0 ? end : -1;
    },
  },
  {
    kind: 'terraform_token',
    infix: '.atlasv1.',
    before: (text, at) => {
      const start = runStart(text, at, ALNUM, at - 15);
      return at - start === 14 ? start : -1;
    },
    after: (text, at) => {
      const from = at + 9;
      const end = runEnd(text, from, B64URL | EQUALS, from + 71);
      return end - from >= 60 && end - from <= 70 ? end : -1;
    },
  },
  {
    kind: 'mailchimp_key',
    infix: '-us',
    before: (text, at) => {
      for (let i = at - 32; i < at; i++) if (!isHex(text.charCodeAt(i))) return -1;
      return (classOf(text.charCodeAt(at - 33)) & ALNUM) === 0 ? at - 32 : -1;
    },
    after: (text, at) => {
      const end = runEnd(text, at + 3, DIGIT, at + 6);
      return end > at + 3 && end <= at + 5 && (classOf(text.charCodeAt(end)) & ALNUM) === 0 ? end : -1;
    },
  },
  {
    kind: 'telegram_token',
    infix: ':AA',
    before: (text, at) => {
      const start = runStart(text, at, DIGIT, at - 11);
      return at - start >= 8 && at - start <= 10 && (classOf(text.charCodeAt(start - 1)) & ALNUM) === 0
        ? start
        : -1;
    },
    after: (text, at) => {
      const end = runEnd(text, at + 1, B64URL, at + 37);
      return end - (at + 1) === 35 && (classOf(text.charCodeAt(end)) & ALNUM) === 0 ? end : -1;
    },
  },
];

export function createInfixTokenDetector(): Detector {
  const scanRule = (text: string, rule: InfixRule, emit: Emit): void => {
    for (let at = nextIndex(text, rule.infix, 0); at !== -1; at = nextIndex(text, rule.infix, at + 1)) {
      const start = rule.before(text, at);
      if (start < 0) continue;
      const end = rule.after(text, at);
      if (end < 0 || isPlaceholderToken(text.slice(start, end))) continue;
      emit(start, end, rule.kind);
      at = end - 1;
    }
  };
  return {
    kinds: RULES.map((r) => r.kind),
    probes: RULES.map((r) => r.infix),
    scan(text, emit) {
      for (const rule of RULES) scanRule(text, rule, emit);
    },
  };
}
