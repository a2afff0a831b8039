import type { Boundary } from '@gatehouse/kit';
import { ENV } from './config.ts';

/*
 * GATEHOUSE_GITHUB_ALLOWLIST as kit policy: a server boundary every role is intersected with, matched by the kit
 * (its glob rules: `*` never crosses the `/`). GitHub names are case-insensitive, so targets are lowercase and
 * so are the allowlist's globs: `ACME/Web` and `acme/web` are one repository, inside or outside alike.
 */

/** A call's policy target: `repo:owner/name` in lowercase, or `repo:*` for a search across the allowlist. */
export function repoTarget(repo: string | undefined): string {
  return repo === undefined ? 'repo:*' : `repo:${repo.toLowerCase()}`;
}

/** The repositories this server may touch at all (`owner/name` globs), as a kit boundary. */
export function allowlistBoundary(patterns: readonly string[]): Boundary {
  return { setting: ENV.allowlist, allow: patterns.map((pattern) => repoTarget(pattern)) };
}

/**
 * Search qualifiers that keep a search within the allowlist: `repo:` for exact names, `org:` for an owner's globs.
 * Results are still filtered afterwards (`ctx.mayAccess`), since `org:acme` also covers repositories outside
 * `acme/api-*`. Empty when a pattern spans owners (`*` owner): then only the filter applies.
 */
export function searchQualifiers(patterns: readonly string[]): string[] {
  const qualifiers = new Set<string>();
  for (const pattern of patterns) {
    const [owner = '', name = ''] = pattern.split('/');
    if (owner.includes('*')) return [];
    qualifiers.add(name.includes('*') ? `org:${owner}` : `repo:${owner}/${name}`);
  }
  return [...qualifiers];
}
