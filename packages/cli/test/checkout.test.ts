// What the README promises about the checkout, kept true: one Node requirement everywhere, the two commands and
// what CI runs, and one role vocabulary in every server's default policy.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicyFile } from '@gatehouse/kit/operator';
import { describe, expect, it } from 'vitest';
import { KNOWN_SERVERS, REPOSITORY_ROOT } from '../src/servers.ts';

const read = (path: string) => readFileSync(join(REPOSITORY_ROOT, path), 'utf8');
const packageJson = (path: string) => JSON.parse(read(path)) as { engines?: { node?: string } };
const workspacePackages = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(REPOSITORY_ROOT, group)).map((name) => `${group}/${name}/package.json`),
);
const readme = read('README.md');

describe('the checkout', () => {
  it('states one Node requirement, >= 22.18.0, in every package.json and both READMEs', () => {
    expect(packageJson('package.json').engines?.node).toBe('>=22.18.0');
    for (const path of workspacePackages) expect(packageJson(path).engines?.node, path).toBe('>=22.18.0');
    for (const path of ['README.md', 'packages/cli/README.md']) {
      const stated = [...read(path).matchAll(/Node (?:≥|>=) ?([\d.]+)/g)].map((m) => m[1]);
      expect(stated.length, path).toBeGreaterThan(0);
      expect(new Set(stated), path).toEqual(new Set(['22.18']));
    }
    // The bootstrap takes its requirement from package.json, not from a copy of its own.
    expect(read('gatehouse')).toContain('"node": *">=');
  });

  it('has two commands, and CI runs the second', () => {
    expect(readme).toContain('./gatehouse start');
    expect(readme).toContain('./gatehouse test');
    const ci = read('.ci/run');
    expect(ci).toMatch(/^exec \.\/gatehouse test$/m);
    expect(ci).toContain('pnpm');
    expect(read('gatehouse')).toMatch(/test\)[\s\S]*?exec pnpm test/);
    expect(read('.gitignore')).toMatch(/^\.gatehouse\/$/m);
  });

  it('installs the gatehouse bin at the root, so `pnpm gatehouse …` runs the CLI from the checkout', () => {
    const result = spawnSync(join(REPOSITORY_ROOT, 'node_modules/.bin/gatehouse'), ['--help'], {
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Usage: gatehouse <command>/);
  });

  it('lists every discovered server in the README with the port it serves on', () => {
    for (const server of KNOWN_SERVERS) {
      const row = readme
        .split('\n')
        .find((line) => line.startsWith(`| ${server.name} `) || line.startsWith(`| [${server.name}]`));
      expect(row, `README.md: no row for ${server.name} in the table of servers`).toBeDefined();
      expect(row, server.name).toContain(`http://127.0.0.1:${server.port}/mcp`);
    }
  });

  it('walks through a write the way packages/cli/test/walkthrough.test.ts runs it', () => {
    for (const step of [
      'add_note',
      './gatehouse approvals list',
      './gatehouse approvals grant apr_',
      './gatehouse audit query --tool add_note',
      'gatehouse keys create --actor rita --roles reader',
      '--url local',
    ]) {
      expect(readme.replace(/\s+/g, ' '), step).toContain(step);
    }
  });

  it('gives every server a default policy that speaks reader, writer and approver', async () => {
    const files = [
      'packages/kit/example/policy.yaml',
      ...KNOWN_SERVERS.filter((s) => s.entry.startsWith('apps/')).map(
        (s) => `apps/${s.name}/policy.default.yaml`,
      ),
    ];
    expect(files).toHaveLength(KNOWN_SERVERS.length);
    for (const file of files) {
      const { roles } = await loadPolicyFile(join(REPOSITORY_ROOT, file));
      expect(Object.keys(roles).sort(), file).toEqual(['approver', 'reader', 'writer']);
      const { reader, writer, approver } = roles as Record<string, (typeof roles)[string]>;
      // reader: only read scopes, so write tools are not even listed to it.
      expect(reader?.scopes.length, file).toBeGreaterThan(0);
      expect(
        reader?.scopes.every((scope) => scope.endsWith(':read')),
        file,
      ).toBe(true);
      // writer: everything reader may, on the same targets; approver: what writer may.
      expect(writer?.scopes, file).toEqual(expect.arrayContaining(reader?.scopes ?? []));
      expect(writer?.targets, file).toEqual(reader?.targets);
      expect(approver?.scopes, file).toEqual(writer?.scopes);
      expect(approver?.targets, file).toEqual(writer?.targets);
      expect(writer?.approvals ?? 'out_of_band', file).toBe('out_of_band');
      // Where there is something to write, approver may approve it in band.
      if (writer?.scopes.some((scope) => scope.endsWith(':write')))
        expect(approver?.approvals, file).toBe('in_band');
    }
  });
});
