import type { Boundary } from '@gatehouse/kit';
import { type SourceConfig, sourceSetting } from './config.ts';

/** Policy target of a whole source (what a search across its origins declares). */
export const sourceTarget = (source: string) => `logs:${source}`;
/** Policy target of one index, data stream or file (path relative to the source's root) of a source. */
export const originTarget = (source: string, origin: string) => `logs:${source}/${origin}`;

/**
 * Each source's allow and deny lists as kit boundaries: every role is intersected with them, and every origin a
 * call reads (the files a search opens, the indices a raw query names) is checked through them. They govern only
 * origins (`logs:<source>/…`), so the source itself stays a target the roles decide on.
 */
export function sourceBoundaries(sources: readonly SourceConfig[]): Boundary[] {
  return sources.map((source, i) => ({
    setting: `${sourceSetting(i, source.name)} allow/deny`,
    within: [`logs:${source.name}/**/*`],
    allow: source.allow.map((glob) => originTarget(source.name, glob)),
    deny: source.deny.map((glob) => originTarget(source.name, glob)),
  }));
}
