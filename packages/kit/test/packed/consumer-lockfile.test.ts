import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { consumerProject } from './consumer-lockfile.ts';

// A workspace lockfile in small: the kit depends on `a` (which needs `b` and, optionally, `c`), on `node` (whose
// version carries its peer) and on `zod`; `a` reaches `w` through an alias; `unrelated` is not reached.
const WORKSPACE = `
lockfileVersion: '9.0'
importers:
  packages/kit:
    dependencies:
      a: { specifier: 1.0.0, version: 1.0.0 }
      node: { specifier: 2.0.0, version: 2.0.0(a@1.0.0) }
      zod: { specifier: 4.0.0, version: 4.0.0 }
    devDependencies:
      '@types/node': { specifier: 24.0.0, version: 24.0.0 }
      embedded: { specifier: 'workspace:*', version: 'link:../embedded' }
packages:
  a@1.0.0: { resolution: { integrity: sha512-a } }
  b@1.0.0: { resolution: { integrity: sha512-b } }
  c@1.0.0: { resolution: { integrity: sha512-c }, os: [darwin] }
  w@3.0.0: { resolution: { integrity: sha512-w } }
  node@2.0.0: { resolution: { integrity: sha512-node }, peerDependencies: { a: '^1' } }
  zod@4.0.0: { resolution: { integrity: sha512-zod } }
  '@types/node@24.0.0': { resolution: { integrity: sha512-types } }
  unrelated@1.0.0: { resolution: { integrity: sha512-u } }
snapshots:
  a@1.0.0:
    dependencies: { b: 1.0.0, w-alias: w@3.0.0 }
    optionalDependencies: { c: 1.0.0 }
  b@1.0.0: {}
  c@1.0.0: {}
  w@3.0.0: {}
  node@2.0.0(a@1.0.0):
    dependencies: { a: 1.0.0 }
  zod@4.0.0: {}
  '@types/node@24.0.0': {}
  unrelated@1.0.0: {}
`;

const tarball = {
  file: 'file:kit.tgz',
  integrity: 'sha512-kit',
  manifest: {
    name: '@gatehouse/kit',
    version: '0.1.0',
    dependencies: { a: '1.0.0', node: '2.0.0', zod: '4.0.0' },
    peerDependencies: { zod: '^4', vitest: '^5' },
    peerDependenciesMeta: { vitest: { optional: true } },
  },
};

describe('the consumer lockfile', () => {
  it('pins the tarball and every package the kit reaches at the workspace versions, nothing else', () => {
    const consumer = consumerProject({
      workspaceLock: WORKSPACE,
      importer: 'packages/kit',
      tarball,
      dependencies: ['zod'],
      devDependencies: ['@types/node'],
    });
    expect(consumer.dependencies).toEqual({ '@gatehouse/kit': 'file:kit.tgz', zod: '4.0.0' });
    expect(consumer.devDependencies).toEqual({ '@types/node': '24.0.0' });
    const lock = parse(consumer.lockfile);
    // Only the peer that is there (zod) names the kit's snapshot; the optional vitest is not installed.
    expect(lock.importers['.'].dependencies['@gatehouse/kit']).toEqual({
      specifier: 'file:kit.tgz',
      version: 'file:kit.tgz(zod@4.0.0)',
    });
    expect(lock.packages['@gatehouse/kit@file:kit.tgz'].resolution).toEqual({
      integrity: 'sha512-kit',
      tarball: 'file:kit.tgz',
    });
    expect(lock.snapshots['@gatehouse/kit@file:kit.tgz(zod@4.0.0)'].dependencies).toEqual({
      a: '1.0.0',
      node: '2.0.0(a@1.0.0)',
      zod: '4.0.0',
    });
    expect(Object.keys(lock.packages).sort()).toEqual(
      [
        '@gatehouse/kit@file:kit.tgz',
        '@types/node@24.0.0',
        'a@1.0.0',
        'b@1.0.0',
        'c@1.0.0',
        'node@2.0.0',
        'w@3.0.0',
        'zod@4.0.0',
      ].sort(),
    );
    expect(lock.packages['c@1.0.0']).toEqual({ resolution: { integrity: 'sha512-c' }, os: ['darwin'] });
    expect(Object.keys(lock.snapshots)).toContain('node@2.0.0(a@1.0.0)');
  });

  it('refuses, naming it, what it cannot pin: a workspace package, a missing snapshot, another importer', () => {
    const input = {
      workspaceLock: WORKSPACE,
      importer: 'packages/kit',
      tarball,
      dependencies: [],
      devDependencies: [],
    };
    expect(() => consumerProject({ ...input, devDependencies: ['embedded'] })).toThrow(
      'embedded is a workspace package',
    );
    expect(() => consumerProject({ ...input, importer: 'apps/none' })).toThrow('no importer apps/none');
    expect(() =>
      consumerProject({ ...input, workspaceLock: WORKSPACE.replace('  b@1.0.0: {}\n', '') }),
    ).toThrow('no snapshot b@1.0.0');
  });
});
