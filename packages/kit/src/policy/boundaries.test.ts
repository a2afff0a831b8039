import { describe, expect, it } from 'vitest';
import { type Boundary, boundaryProblems, boundaryRefusal } from './boundaries.ts';

const repos: Boundary = { setting: 'GATEHOUSE_GITHUB_ALLOWLIST', allow: ['repo:acme/*', 'repo:octo/api'] };
const tables: Boundary = {
  setting: 'databases[shop].denyTables',
  within: ['db:shop/**'],
  deny: ['db:shop/internal.*'],
};

describe('boundaryRefusal', () => {
  it('admits a target an allow glob names, and refuses others naming the setting', () => {
    expect(boundaryRefusal([repos], 'repo:acme/web')).toBeUndefined();
    expect(boundaryRefusal([repos], 'repo:octo/api')).toBeUndefined();
    expect(boundaryRefusal([repos], 'repo:octo/web')).toBe(
      "target repo:octo/web is outside this server's boundary: it is not in GATEHOUSE_GITHUB_ALLOWLIST",
    );
    // `*` never crosses a `/`, so a deeper name is not inside `acme/*`.
    expect(boundaryRefusal([repos], 'repo:acme/web/x')).toMatch(/not in GATEHOUSE_GITHUB_ALLOWLIST/);
  });

  it('refuses what a deny glob names whatever allow says, and governs only targets `within` names', () => {
    const both: Boundary = { setting: 'S', allow: ['db:shop/**'], deny: ['db:shop/internal.*'] };
    expect(boundaryRefusal([both], 'db:shop/public.orders')).toBeUndefined();
    expect(boundaryRefusal([both], 'db:shop/internal.keys')).toBe(
      "target db:shop/internal.keys is outside this server's boundary: S excludes it",
    );
    expect(boundaryRefusal([tables], 'db:shop/internal.keys')).toMatch(/denyTables excludes it/);
    expect(boundaryRefusal([tables], 'db:other/internal.keys')).toBeUndefined(); // not within db:shop
    expect(boundaryRefusal([tables], 'db:shop/public.orders')).toBeUndefined();
  });

  it('intersects boundaries: a target must be inside every one', () => {
    const noSecrets: Boundary = { setting: 'policy boundaries[0]', deny: ['repo:acme/secrets'] };
    expect(boundaryRefusal([repos, noSecrets], 'repo:acme/web')).toBeUndefined();
    expect(boundaryRefusal([repos, noSecrets], 'repo:acme/secrets')).toMatch(
      /policy boundaries\[0\] excludes/,
    );
    expect(boundaryRefusal([repos, noSecrets], 'repo:evil/x')).toMatch(/GATEHOUSE_GITHUB_ALLOWLIST/);
  });

  it('admits nothing with an empty allow list, and everything without boundaries', () => {
    expect(boundaryRefusal([{ setting: 'S', allow: [] }], 'repo:acme/web')).toMatch(/not in S/);
    expect(boundaryRefusal([], 'anything:at-all')).toBeUndefined();
  });

  it('admits a whole-kind target (repo:*) when the boundary admits some targets of its kind', () => {
    expect(boundaryRefusal([repos], 'repo:*')).toBeUndefined();
    expect(boundaryRefusal([{ setting: 'S', allow: ['db:shop/**'] }], 'repo:*')).toMatch(/not in S/);
    expect(boundaryRefusal([{ setting: 'S', allow: ['**'] }], 'repo:*')).toBeUndefined();
    // A deny glob covering the whole kind still refuses it.
    expect(boundaryRefusal([{ setting: 'S', deny: ['repo:**'] }], 'repo:*')).toMatch(/S excludes/);
    // `within` of another kind does not govern it.
    expect(boundaryRefusal([{ setting: 'S', within: ['db:**'], allow: [] }], 'repo:*')).toBeUndefined();
  });

  it('matches case-sensitively, like role targets', () => {
    expect(boundaryRefusal([repos], 'repo:ACME/web')).toMatch(/not in GATEHOUSE_GITHUB_ALLOWLIST/);
  });
});

describe('boundaryProblems', () => {
  it('names the setting and the list of a glob that can match no target', () => {
    expect(
      boundaryProblems([{ setting: 'GATEHOUSE_X', allow: ['acme/*'], deny: ['repo:a/b', 'b'] }]),
    ).toEqual([
      'GATEHOUSE_X (allow[0]): "acme/*" matches no target: targets are kind:name (e.g. "table:public.*"); use "**" for every target',
      'GATEHOUSE_X (deny[1]): "b" matches no target: targets are kind:name (e.g. "table:public.*"); use "**" for every target',
    ]);
    expect(boundaryProblems([repos, tables])).toEqual([]);
  });
});
