import { boundaryRefusal } from '@gatehouse/kit';
import { describe, expect, it } from 'vitest';
import { allowlistBoundary, repoTarget, searchQualifiers } from './allowlist.ts';

describe('the allowlist as a kit boundary', () => {
  const inside = (patterns: string[], repo: string) =>
    boundaryRefusal([allowlistBoundary(patterns)], repoTarget(repo)) === undefined;

  it('admits owner/name globs case-insensitively without crossing the slash', () => {
    const list = ['acme/*', 'octo/api-*', 'solo/tool', 'Mixed/Case'];
    expect(inside(list, 'acme/web')).toBe(true);
    expect(inside(list, 'ACME/Web')).toBe(true);
    expect(inside(list, 'octo/api-gateway')).toBe(true);
    expect(inside(list, 'octo/web')).toBe(false);
    expect(inside(list, 'solo/tool')).toBe(true);
    expect(inside(list, 'solo/tools')).toBe(false);
    expect(inside(list, 'mixed/case')).toBe(true);
    expect(inside(list, 'acme/web/extra')).toBe(false);
    expect(inside(list, 'evil/acme')).toBe(false);
    expect(inside(['acme/a.b'], 'acme/axb')).toBe(false);
  });

  it('names the setting in a refusal, and admits nothing when empty', () => {
    expect(boundaryRefusal([allowlistBoundary(['acme/*'])], 'repo:evil/x')).toBe(
      "target repo:evil/x is outside this server's boundary: it is not in GATEHOUSE_GITHUB_ALLOWLIST",
    );
    expect(inside([], 'acme/web')).toBe(false);
  });

  it('admits a search across the allowlist (repo:*), whose results are then filtered one by one', () => {
    expect(repoTarget(undefined)).toBe('repo:*');
    expect(boundaryRefusal([allowlistBoundary(['acme/*'])], repoTarget(undefined))).toBeUndefined();
  });
});

describe('searchQualifiers', () => {
  it('turns patterns into search qualifiers, none when an owner is a glob', () => {
    expect(searchQualifiers(['acme/*', 'octo/api', 'acme/web'])).toEqual([
      'org:acme',
      'repo:octo/api',
      'repo:acme/web',
    ]);
    expect(searchQualifiers(['acme/*', '*/docs'])).toEqual([]);
  });
});
