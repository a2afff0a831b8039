import { createHash } from 'node:crypto';
import type { Identity } from '../identity.ts';

/** An API key as configured: only its SHA-256 hash is ever stored, bound to an actor and its scopes. */
export interface ApiKeyEntry {
  /** `sha256:<hex>` (or bare hex) of the key. */
  readonly hash: string;
  readonly actor: string;
  readonly scopes?: readonly string[];
  readonly roles?: readonly string[];
}

export function hashApiKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

const normalizeHash = (hash: string) => (hash.startsWith('sha256:') ? hash : `sha256:${hash}`).toLowerCase();

/**
 * Maps an `Authorization: Bearer <key>` header to the identity its key is bound to, or undefined. Lookup is by
 * the key's hash, so the configured table never holds a usable secret.
 */
export function createApiKeyAuthenticator(
  entries: readonly ApiKeyEntry[],
): (header: string | undefined) => Identity | undefined {
  const byHash = new Map<string, Identity>();
  for (const entry of entries) {
    byHash.set(normalizeHash(entry.hash), {
      actor: entry.actor,
      roles: entry.roles ?? [],
      scopes: entry.scopes ?? [],
      via: 'api-key',
    });
  }
  // Known keys are remembered by header so a busy client does not cost a SHA-256 per request; unknown ones are
  // not, so garbage cannot crowd the cache.
  const known = new Map<string, Identity>();
  return (header) => {
    if (!header) return undefined;
    const cached = known.get(header);
    if (cached) return cached;
    const match = /^Bearer[ ]+(\S{8,512})$/i.exec(header.trim());
    if (!match) return undefined;
    const identity = byHash.get(hashApiKey(match[1] as string));
    if (identity) {
      if (known.size >= 1000) known.clear();
      known.set(header, identity);
    }
    return identity;
  };
}
