/** Configuration entries (key + labelled value) that each dev syntax renders its own way. */
import type { Span } from '../builder.ts';
import { anyIdNegative } from '../negatives.ts';
import type { Rng } from '../rng.ts';
import { anyToken, connectionUrl, pers, placeholder, span } from './parts.ts';
import { email, iban, phone } from './personal.ts';
import { genericSecret } from './secrets.ts';

export type Piece = string | Span;

export interface Entry {
  readonly key: string;
  readonly value: readonly Piece[];
  /** Whether the value holds characters that need quoting in shell-like syntaxes. */
  readonly sensitive: boolean;
}

const PLAIN: readonly [string, string][] = [
  ['LOG_LEVEL', 'info'],
  ['PORT', '8080'],
  ['NODE_ENV', 'production'],
  ['FEATURE_FLAGS', 'search,exports'],
  ['TIMEOUT_SECONDS', '30'],
  ['REGION', 'eu-west-1'],
];
const ID_KEYS = ['BUILD_SHA', 'INSTANCE_ID', 'APP_VERSION', 'TENANT_ID', 'CHECKSUM', 'RELEASE'];

export function entry(r: Rng): Entry {
  const roll = r.int(0, 19);
  if (roll < 7) {
    const c = anyToken(r);
    return { key: c.key, value: [span(c)], sensitive: false };
  }
  if (roll < 10) {
    const c = genericSecret(r);
    return { key: c.key, value: [span(c)], sensitive: true };
  }
  if (roll < 12)
    return {
      key: r.pick(['DATABASE_URL', 'REDIS_URL', 'BROKER_URL']),
      value: connectionUrl(r),
      sensitive: true,
    };
  if (roll < 14) {
    const c = r.chance(0.5) ? anyToken(r) : genericSecret(r);
    return { key: c.key, value: [placeholder(r)], sensitive: true };
  }
  if (roll < 16) {
    const which = r.int(0, 2);
    const p = which === 0 ? email(r) : which === 1 ? phone(r) : iban(r);
    return {
      key: ['ADMIN_EMAIL', 'SUPPORT_PHONE', 'PAYOUT_IBAN'][which]!,
      value: [pers(p)],
      sensitive: which === 1,
    };
  }
  if (roll < 18) return { key: r.pick(ID_KEYS), value: [anyIdNegative(r)], sensitive: false };
  const [key, value] = r.pick(PLAIN);
  return { key, value: [value], sensitive: false };
}

export const entries = (r: Rng, min: number, max: number): Entry[] =>
  Array.from({ length: r.int(min, max) }, () => entry(r));

/** The same pieces with every span's text passed through `fn` (its form noted when that changed it). */
export function mapSpans(pieces: readonly Piece[], fn: (s: string) => string, form: string): Piece[] {
  return pieces.map((p) => {
    if (typeof p === 'string') return fn(p);
    const text = fn(p.text);
    return text === p.text ? p : { ...p, text, form: p.form === 'plain' ? form : `${p.form}+${form}` };
  });
}
