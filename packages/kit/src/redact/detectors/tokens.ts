import { B64URL, DOT, isAlnum, RunCache, runEnd } from '../chars.ts';
import type { Emit } from '../detector.ts';
import { isPlaceholderToken } from '../placeholders.ts';
import { findAwsSecretNear } from './aws-pair.ts';
import { readContinuation } from './line-breaks.ts';
import { TOKEN_KINDS, TOKEN_PREFIXES, TOKEN_RULES, type TokenRule, twoClasses } from './token-rules.ts';

/**
 * Vendor tokens inside token runs. Segment starts (the run's start, after a separator inside it, after a
 * `%XX` escape) are looked up by first character; only the few rules sharing it compare their prefix. A
 * body's extent is one run of its alphabet, measured through a RunCache, so a run full of repeated prefixes
 * costs one measurement per alphabet rather than one per prefix. JWTs are checked part by part the same way.
 */

const JWT_KIND = 'jwt';
/** Longest JWT looked at: bounds the work per candidate (real ones are a few KB). */
const MAX_JWT = 16_384;
const TRAILING_DOTS = /\.+$/;

/**
 * Index of the part where a JWS (header.payload.signature, header and payload JSON, so `eyJ…` / `ey…`) or a JWE
 * (five parts, header `eyJ…`) starts among dot-separated parts, or -1. Extra parts before it (a run glued to
 * the token with dots) are skipped.
 */
function jwtStart(parts: readonly string[]): number {
  const n = parts.length;
  if (n === 5 && parts[0]!.startsWith('eyJ') && parts[0]!.length >= 10) return 0;
  if (n < 3) return -1;
  const at = n - 3;
  const header = parts[at]!;
  const payload = parts[at + 1]!;
  return header.startsWith('eyJ') && header.length >= 10 && payload.startsWith('ey') && payload.length >= 6
    ? at
    : -1;
}

/**
 * The rules' prefixes as a trie over ASCII: `child[node * 128 + c]` is the node after character c (0: none),
 * `rulesAt[node]` the rules whose prefix ends there. Walking it costs one array read per character and stops at
 * the first character no prefix continues with, usually the first or second.
 */
interface PrefixTrie {
  readonly child: Int32Array;
  readonly rulesAt: (readonly TokenRule[] | undefined)[];
}

function buildTrie(rules: readonly TokenRule[]): PrefixTrie {
  const edges: number[][] = [[]];
  const rulesAt: TokenRule[][] = [];
  for (const rule of rules) {
    let node = 0;
    for (let i = 0; i < rule.prefix.length; i++) {
      const c = rule.prefix.charCodeAt(i);
      let next = edges[node]![c];
      if (next === undefined) {
        next = edges.push([]) - 1;
        edges[node]![c] = next;
      }
      node = next;
    }
    const list = rulesAt[node] ?? [];
    list.push(rule);
    rulesAt[node] = list;
  }
  const child = new Int32Array(edges.length * 128);
  edges.forEach((out, node) => {
    out.forEach((next, c) => {
      child[node * 128 + c] = next;
    });
  });
  return { child, rulesAt };
}

const TRIE = buildTrie(TOKEN_RULES);

/** The first two characters of every prefix (and `ey` of `eyJ`), as a 128×128 table: one read rejects a segment. */
const PAIRS = new Uint8Array(128 * 128);
for (const prefix of [...TOKEN_PREFIXES, 'eyJ']) PAIRS[prefix.charCodeAt(0) * 128 + prefix.charCodeAt(1)] = 1;

export interface TokenMatcher {
  /** Called once per text: resets what is cached per text. */
  begin(text: string): void;
  /** Could a token start with these two characters (a prefix's first two, or `ey` of `eyJ`)? */
  mayStart(c0: number, c1: number): boolean;
  /** Matches every rule whose prefix starts at `at`, longest prefix first; returns the token's end or -1. */
  matchAt(text: string, at: number, emit: Emit): number;
}

export function createTokenMatcher(): TokenMatcher {
  const trie = TRIE;
  /** Nodes with rules passed on the current walk: the longest prefix is tried first. */
  const path = new Int32Array(64);
  const bodies = new RunCache();
  const jwtRun = new RunCache();

  /**
   * Per rule, the end of a body run that was too long or glued to more letters: every later candidate of that
   * rule starting inside it fails the same way, so it is refused without measuring again.
   */
  const failedUntil = new Int32Array(TOKEN_RULES.length);

  /** End of the token matched at `start` by `rule`, or -1. */
  const matchRule = (text: string, rule: TokenRule, start: number, emit: Emit): number => {
    const bodyStart = start + rule.prefix.length;
    if (bodyStart < failedUntil[rule.id]!) return -1;
    // Too short, and not at a line break it could continue after: decided with a read of what is there.
    const shortEnd = runEnd(text, bodyStart, rule.body, bodyStart + rule.min);
    if (shortEnd < bodyStart + rule.min) {
      const c = text.charCodeAt(shortEnd);
      if (c !== 10 && c !== 13 && c !== 92) return -1;
    }
    let end = bodies.end(bodyStart, rule.body);
    const after = text.charCodeAt(end);
    if (isAlnum(after) || end - bodyStart > rule.max) {
      failedUntil[rule.id] = end;
      return -1;
    }
    let length = end - bodyStart;
    // Too short, and no line break for it to continue after: the common failure, decided without more reads.
    if (length < rule.min && after !== 10 && after !== 13 && after !== 92) return -1;
    let joined: string | undefined;
    if (length < rule.max && (after === 10 || after === 13 || after === 92)) {
      const more = readContinuation(text, end, rule.body, rule.min - length, rule.max - length);
      if (more !== undefined && length + more.length <= rule.max) {
        joined = text.slice(bodyStart, end) + more.text;
        length += more.length;
        end = more.end;
      }
    }
    if (length < rule.min || length > rule.max) return -1;
    const body = joined ?? text.slice(bodyStart, end);
    if (rule.random && !twoClasses(body.length > 64 ? body.slice(0, 64) : body)) return -1;
    if (rule.check && !rule.check(body)) return -1;
    if (isPlaceholderToken(body)) return -1;
    emit(rule.keepPrefix ? bodyStart : start, end, rule.kind);
    if (rule.kind === 'aws_access_key') findAwsSecretNear(text, start, end, emit);
    return end;
  };

  /** Start of the first JWT candidate not yet ruled out: one failed candidate rules out its whole extent. */
  let jwtFloor = 0;

  /**
   * `eyJ` header, payload and signature (JWS), or five parts (JWE): base64url parts joined by dots, possibly
   * wrapped over lines. The extent is one run measured through a cache; a candidate inside the extent of one
   * that failed fails the same way, so it is skipped.
   */
  const matchJwt = (text: string, start: number, emit: Emit): number => {
    if (start < jwtFloor) return -1;
    let end = jwtRun.end(start, B64URL | DOT);
    if (isAlnum(text.charCodeAt(end))) return -1;
    const more = readContinuation(text, end, B64URL | DOT, 0, MAX_JWT - (end - start));
    let joined: string | undefined;
    if (more !== undefined) {
      joined = text.slice(start, end) + more.text;
      end = more.end;
    }
    jwtFloor = end;
    if (end - start > MAX_JWT) return -1;
    const parts = (joined ?? text.slice(start, end)).replace(TRAILING_DOTS, '').split('.');
    const at = jwtStart(parts);
    if (at < 0) return -1;
    const offset = at === 0 ? 0 : parts.slice(0, at).join('.').length + 1;
    if (isPlaceholderToken(parts[at + 1] ?? '')) return -1;
    emit(start + offset, end, JWT_KIND);
    return end;
  };

  /** Tries every rule whose prefix starts at `at`, longest prefix first; returns where the token ends, or -1. */
  const matchAt = (text: string, at: number, emit: Emit): number => {
    const c = text.charCodeAt(at);
    if (c === 101 && text.charCodeAt(at + 1) === 121 && text.charCodeAt(at + 2) === 74) {
      const end = matchJwt(text, at, emit);
      if (end >= 0) return end;
    }
    const { child, rulesAt } = trie;
    let depth = 0;
    let node = 0;
    for (let i = at; i < text.length && depth < 64; i++) {
      const d = text.charCodeAt(i);
      if (d >= 128) break;
      node = child[node * 128 + d]!;
      if (node === 0) break;
      if (rulesAt[node] !== undefined) path[depth++] = node;
    }
    while (depth > 0) {
      const rules = rulesAt[path[--depth]!]!;
      for (let r = 0; r < rules.length; r++) {
        const end = matchRule(text, rules[r]!, at, emit);
        if (end >= 0) return end;
      }
    }
    return -1;
  };

  return {
    begin(text) {
      failedUntil.fill(0);
      bodies.reset(text);
      jwtRun.reset(text);
      jwtFloor = 0;
    },
    mayStart: (c0, c1) => c0 < 128 && c1 < 128 && PAIRS[c0 * 128 + c1] === 1,
    matchAt,
  };
}

export const TOKEN_PROBES: readonly string[] = [...TOKEN_PREFIXES, 'eyJ', '-eyJ', 'eyJhbGciOiJIUzI1NiJ9.eyJ'];
export const TOKEN_DETECTOR_KINDS: readonly string[] = [...TOKEN_KINDS, JWT_KIND, 'aws_secret_key'];
