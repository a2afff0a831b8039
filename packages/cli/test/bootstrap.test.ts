// The checkout's ./gatehouse bootstrap, run in a scratch copy of the checkout: which Node it picks (the full version
// against package.json engines), what it refuses, and that it never writes outside the checkout.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../src/servers.ts';

const nodeDir = dirname(process.execPath);
const [major, minor, patch] = process.versions.node.split('.').map(Number) as [number, number, number];

/**
 * A copy of the checkout's launcher with just enough around it: package.json (engines, packageManager), an installed
 * node_modules, and a CLI entry that prints the Node it runs on.
 */
function scratchCheckout(required: string): string {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-bootstrap-'));
  copyFileSync(join(REPOSITORY_ROOT, 'gatehouse'), join(root, 'gatehouse'));
  copyFileSync(join(REPOSITORY_ROOT, 'pnpm-workspace.yaml'), join(root, 'pnpm-workspace.yaml'));
  writeFileSync(
    join(root, 'package.json'),
    `{\n  "packageManager": "pnpm@10.34.9",\n  "engines": {\n    "node": ">=${required}"\n  }\n}\n`,
  );
  mkdirSync(join(root, 'node_modules'));
  mkdirSync(join(root, 'packages/cli/src'), { recursive: true });
  writeFileSync(
    join(root, 'packages/cli/src/main.ts'),
    'process.stdout.write(`${process.version} ${process.argv.slice(2).join(" ")}`);\n',
  );
  return root;
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; path: string; env?: NodeJS.ProcessEnv },
) {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    // A registry that refuses at once, asked once: a fetch fails fast instead of reaching the network.
    env: {
      HOME: options.cwd,
      PATH: options.path,
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_fetch_retries: '0',
      ...options.env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A folder with a fake `uname` first on PATH, to stand for another system or processor. */
function fakeUname(system: string, machine: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-uname-'));
  writeFileSync(
    join(dir, 'uname'),
    `#!/bin/sh\ncase "$1" in -m) echo ${machine} ;; *) echo ${system} ;; esac\n`,
    {
      mode: 0o755,
    },
  );
  return dir;
}

const shells = ['sh', 'bash', 'dash', 'zsh'].filter((shell) =>
  ['/bin', '/usr/bin'].some((dir) => existsSync(join(dir, shell))),
);

describe('./gatehouse', () => {
  it('picks the first Node on PATH that fits, passing over an older one found first', () => {
    const root = scratchCheckout('22.18.0');
    // An old Node first (and /usr/bin/node, Node 20 on the CI machine): both must be passed over.
    const old = mkdtempSync(join(tmpdir(), 'gatehouse-old-node-'));
    writeFileSync(join(old, 'node'), '#!/bin/sh\n[ "$1" = --version ] && echo v20.0.0 && exit 0\nexit 1\n', {
      mode: 0o755,
    });
    const result = run(join(root, 'gatehouse'), ['audit', 'tail'], {
      cwd: root,
      path: `${old}:/usr/bin:/bin:${nodeDir}`,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${process.version} audit tail`);
  });

  it('compares the full version: a Node one patch short does not fit, and it says what it needs', () => {
    const root = scratchCheckout(`${major}.${minor}.${patch + 1}`);
    const result = run(join(root, 'gatehouse'), ['audit', 'tail'], {
      cwd: root,
      path: `${nodeDir}:/usr/bin:/bin`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no Node >= ${major}.${minor}.${patch + 1} on PATH`);
    expect(result.stderr).toMatch(/fetching node-(linux|darwin)-(x64|arm64)@\d+\.\d+\.\d+ into \.tools\//);
  });

  it('refuses clearly on a system or processor it has no Node for', () => {
    for (const [system, machine, message] of [
      ['FreeBSD', 'amd64', 'unsupported system FreeBSD'],
      ['Linux', 'riscv64', 'unsupported processor riscv64'],
    ] as const) {
      const root = scratchCheckout(`${major + 1}.0.0`);
      const result = run(join(root, 'gatehouse'), ['start'], {
        cwd: root,
        path: `${fakeUname(system, machine)}:${nodeDir}:/usr/bin:/bin`,
      });
      expect(result.code, system).toBe(1);
      expect(result.stderr).toContain(`gatehouse: ${message}: install Node >= ${major + 1}.0.0`);
      expect(existsSync(join(root, '.tools'))).toBe(false);
    }
  });

  it.each(shells)('refuses to be sourced from %s, and writes nothing', (shell) => {
    const root = scratchCheckout('22.18.0');
    const elsewhere = mkdtempSync(join(tmpdir(), 'gatehouse-cwd-'));
    for (const cwd of [root, elsewhere]) {
      const result = run(shell, ['-c', `. ${join(root, 'gatehouse')} start; echo "shell still here"`], {
        cwd,
        path: `${nodeDir}:/usr/bin:/bin`,
      });
      expect(result.stderr, `${shell} in ${cwd}`).toMatch(/gatehouse: .*do not source it/);
      expect(result.stdout, `${shell} in ${cwd}`).toBe('shell still here\n');
    }
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(existsSync(join(root, '.tools'))).toBe(false);
  });

  it.each(shells)('runs the same from %s, from any folder, writing only inside the checkout', (shell) => {
    const root = scratchCheckout(`${major}.${minor}.${patch + 1}`);
    const elsewhere = mkdtempSync(join(tmpdir(), 'gatehouse-cwd-'));
    const result = run(shell, [join(root, 'gatehouse'), 'keys'], {
      cwd: elsewhere,
      path: `${nodeDir}:/usr/bin:/bin`,
    });
    // It got as far as fetching Node into the checkout's .tools/ (the registry here refuses).
    expect(result.stderr).toContain('into .tools/');
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(join(root, '.tools')).every((name) => ['npm-cache'].includes(name))).toBe(true);
  });
});
