import { describe, expect, it } from 'vitest';
import { RepoAllowlist } from './allowlist.ts';

describe('RepoAllowlist', () => {
  it('matches owner/name globs case-insensitively without crossing the slash', () => {
    const list = new RepoAllowlist(['acme/*', 'octo/api-*', 'solo/tool']);
    expect(list.allows('acme/web')).toBe(true);
    expect(list.allows('ACME/Web')).toBe(true);
    expect(list.allows('octo/api-gateway')).toBe(true);
    expect(list.allows('octo/web')).toBe(false);
    expect(list.allows('solo/tool')).toBe(true);
    expect(list.allows('solo/tools')).toBe(false);
    expect(list.allows('acme/web/extra')).toBe(false);
    expect(list.allows('evil/acme')).toBe(false);
  });

  it('treats regex characters in names literally', () => {
    const list = new RepoAllowlist(['acme/a.b']);
    expect(list.allows('acme/a.b')).toBe(true);
    expect(list.allows('acme/axb')).toBe(false);
  });

  it('denies everything when empty', () => {
    expect(new RepoAllowlist([]).allows('acme/web')).toBe(false);
    expect(new RepoAllowlist([]).empty).toBe(true);
  });

  it('turns patterns into search qualifiers, none when an owner is a glob', () => {
    expect(new RepoAllowlist(['acme/*', 'octo/api', 'acme/web']).searchQualifiers()).toEqual([
      'org:acme',
      'repo:octo/api',
      'repo:acme/web',
    ]);
    expect(new RepoAllowlist(['acme/*', '*/docs']).searchQualifiers()).toEqual([]);
  });
});
