import type { DocBuilder } from './corpus.ts';
import type { Rng } from './fakes.ts';
import * as f from './fakes.ts';

/** Filler shared by the document generators: plain text that carries nothing to redact. */

export type Line = (r: Rng, b: DocBuilder) => void;

export const SERVICES = ['orders', 'billing', 'auth', 'search', 'notifier', 'inventory', 'gateway'];
export const PATHS = [
  '/api/v1/orders',
  '/api/v1/users/me',
  '/healthz',
  '/api/v2/search',
  '/webhooks/stripe',
  '/metrics',
];
const WORDS =
  'the request was retried after backoff and the upstream returned a partial page so the worker scheduled another sync while the cache warmed up'.split(
    ' ',
  );

export function sentence(r: Rng, words = r.int(6, 16)): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(r.pick(WORDS));
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

export function timestamp(r: Rng, b: DocBuilder): void {
  b.n('timestamp', f.fakeTimestamp(r).replace(/^\d+$/, '2024-03-15T10:22:33.123Z'));
}
