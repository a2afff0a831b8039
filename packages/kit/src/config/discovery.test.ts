import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { discoverServers, findServerManifest, readServerManifest } from './discovery.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function repo(packages: Record<string, object>): string {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-discovery-'));
  roots.push(root);
  for (const [path, pkg] of Object.entries(packages)) {
    mkdirSync(join(root, path), { recursive: true });
    writeFileSync(join(root, path, 'package.json'), JSON.stringify(pkg));
  }
  return root;
}

const problemsOf = (run: () => unknown): readonly string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('discoverServers', () => {
  it('finds the packages that declare a server, in port order, and skips the rest', () => {
    const root = repo({
      'apps/zeta': {
        name: '@acme/zeta',
        description: 'Zeta tickets',
        gatehouse: { server: 'zeta', port: 3105, entry: 'src/main.ts' },
      },
      'apps/alpha': { name: '@acme/alpha', gatehouse: { server: 'alpha', port: 3104, entry: 'src/main.ts' } },
      'packages/lib': { name: '@acme/lib' },
      'packages/kit': {
        name: '@acme/kit',
        gatehouse: {
          server: 'notes',
          port: 3100,
          entry: 'example/main.ts',
          policy: 'example/policy.yaml',
          title: 'the example',
        },
      },
      'bench/x': { name: 'x', gatehouse: { server: 'ignored', port: 3999, entry: 'main.ts' } },
    });
    mkdirSync(join(root, 'apps', 'no-package'));
    const servers = discoverServers(root);
    expect(servers.map((s) => [s.name, s.port, s.package])).toEqual([
      ['notes', 3100, '@acme/kit'],
      ['alpha', 3104, '@acme/alpha'],
      ['zeta', 3105, '@acme/zeta'],
    ]);
    const [notes, alpha, zeta] = servers;
    expect(notes?.entryFile).toBe(join(root, 'packages/kit/example/main.ts'));
    expect(notes?.policyFile).toBe(join(root, 'packages/kit/example/policy.yaml'));
    expect(notes?.title).toBe('the example');
    expect(alpha?.policyFile).toBe(join(root, 'apps/alpha/policy.default.yaml'));
    expect(alpha?.title).toBe('alpha');
    expect(zeta?.title).toBe('Zeta tickets');
  });

  it('refuses two servers with one name or one port, naming both packages', () => {
    const root = repo({
      'apps/a': { gatehouse: { server: 'same', port: 3104, entry: 'src/main.ts' } },
      'apps/b': { gatehouse: { server: 'same', port: 3104, entry: 'src/main.ts' } },
    });
    expect(problemsOf(() => discoverServers(root))).toEqual([
      'apps/a and apps/b both declare server same',
      'apps/a and apps/b both declare port 3104',
    ]);
  });

  it('finds this repository’s servers', () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const names = discoverServers(root).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['notes', 'github', 'database', 'docs']));
  });
});

describe('readServerManifest', () => {
  it('names the field and the rule of a bad manifest', () => {
    const root = repo({
      'apps/bad': { gatehouse: { server: 'Bad Name', port: 80, entry: 'src/main.ts', extra: 1 } },
    });
    const problems = problemsOf(() => readServerManifest(join(root, 'apps/bad')));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^gatehouse\.server: expected a lowercase name/),
        expect.stringMatching(/^gatehouse\.port: /),
        expect.stringContaining('"extra"'),
      ]),
    );
  });

  it('refuses paths that lead out of the package', () => {
    const root = repo({
      'apps/out': { gatehouse: { server: 'out', port: 3110, entry: '../other/main.ts' } },
    });
    expect(problemsOf(() => readServerManifest(join(root, 'apps/out')))).toEqual([
      `gatehouse.entry: expected a file inside ${join(root, 'apps/out')}, got ../other/main.ts`,
    ]);
  });
});

describe('findServerManifest', () => {
  it('reads the nearest package.json above an entry URL', () => {
    const root = repo({
      'apps/t': { name: '@acme/t', gatehouse: { server: 't1', port: 3110, entry: 'src/main.ts' } },
    });
    const entry = pathToFileURL(join(root, 'apps/t/src/main.ts'));
    expect(findServerManifest(entry).name).toBe('t1');
    expect(findServerManifest(entry.href).dir).toBe(join(root, 'apps/t'));
  });

  it('says what to add when the nearest package declares no server', () => {
    const root = repo({ 'apps/plain': { name: 'plain' } });
    const [problem] = problemsOf(() => findServerManifest(join(root, 'apps/plain/src/main.ts')));
    expect(problem).toContain(`${join(root, 'apps/plain/package.json')}: no "gatehouse" field`);
    expect(problem).toContain('"gatehouse": { "server"');
  });
});
