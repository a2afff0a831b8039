import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINNED } from '../../src/entries.pinned.ts';
import {
  connectHttpClient,
  errorCodeOf,
  startServerProcess,
  structuredOf,
  testApiKey,
} from '../../src/testing/index.ts';
import { consumerProject, type PackedManifest } from './consumer-lockfile.ts';

// Teams write servers in their own repositories: the kit is a real package. This packs it as it would be
// published (`pnpm pack`: prepack builds dist/), installs the tarball into a new project in the temp folder —
// outside this workspace, offline, from the local store — then typechecks a tiny server against the published
// declarations, loads every entry from plain Node and calls the server over HTTP with the official SDK client.
const KIT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./consumer/', import.meta.url));
const LOCKFILE = fileURLToPath(new URL('../../../../pnpm-lock.yaml', import.meta.url));

/** pnpm as the suite was started (`pnpm test` sets npm_execpath), else the one on PATH. */
const pnpm = (args: string[]): [string, string[]] => {
  const execPath = process.env.npm_execpath;
  return execPath && /pnpm(\.c?js)?$/.test(execPath)
    ? [process.execPath, [execPath, ...args]]
    : ['pnpm', args];
};

function run(command: [string, string[]], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command[1], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function ok(command: [string, string[]], cwd: string): Promise<string> {
  const { code, out } = await run(command, cwd);
  if (code !== 0) throw new Error(`${command[1].join(' ')} (in ${cwd}) exited ${code}:\n${out.slice(-6000)}`);
  return out;
}

/** A file importing every pinned name of the given entries, values and types: tsc fails on any one missing. */
const namesFile = (entries: readonly string[]) =>
  entries
    .map((entry, i) => {
      const names = PINNED[entry]!.map((n) => `${n} as n${i}_${n}`).join(', ');
      const specifier = entry === '.' ? '@gatehouse/kit' : `@gatehouse/kit${entry.slice(1)}`;
      return `import type { ${names} } from '${specifier}';\nexport type { ${PINNED[entry]!.map((n) => `n${i}_${n}`).join(', ')} };\n`;
    })
    .join('');

// Child processes (tsc, node, a server) on a machine shared with other work: generous, never a reason to fail.
const SLOW = 120_000;
let dir: string;
let files: string[];
let manifest: PackedManifest;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gatehouse-kit-consumer-'));
  await ok(pnpm(['pack', '--pack-destination', dir]), KIT);
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack left no tarball in ${dir}`);
  const bytes = await readFile(join(dir, tarball));
  files = (await ok(['tar', ['-tzf', tarball]], dir)).split('\n').filter(Boolean);
  manifest = JSON.parse(await ok(['tar', ['-xzOf', tarball, 'package/package.json']], dir)) as PackedManifest;

  const consumer = consumerProject({
    workspaceLock: await readFile(LOCKFILE, 'utf8'),
    importer: 'packages/kit',
    tarball: {
      file: `file:${tarball}`,
      integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
      manifest,
    },
    dependencies: ['zod'],
    devDependencies: ['@types/node', 'typescript'],
  });
  await cp(FIXTURE, dir, { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'words-server',
      private: true,
      type: 'module',
      gatehouse: { server: 'words', port: 3999, entry: 'main.ts', policy: 'policy.yaml' },
      dependencies: consumer.dependencies,
      devDependencies: consumer.devDependencies,
    }),
  );
  await writeFile(join(dir, 'pnpm-lock.yaml'), consumer.lockfile);
  const store = (await ok(pnpm(['store', 'path']), KIT)).trim();
  await ok(pnpm(['install', '--frozen-lockfile', '--offline', '--store-dir', store]), dir);
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('the packed kit, installed outside the repository', () => {
  it('ships the built entries only: JavaScript and declarations, no sources, tests or example', () => {
    const shipped = files.map((f) => f.replace(/^package\//, ''));
    const strays = shipped.filter(
      (f) => !['package.json', 'README.md'].includes(f) && !/^dist\/.+\.(js|d\.ts)$/.test(f),
    );
    expect(strays).toEqual([]);
    expect(shipped.filter((f) => /\.test\.|\/example\/|-cases\./.test(f))).toEqual([]);
    // Every entry is there, as JavaScript beside its declarations.
    for (const entry of [
      'index',
      'operator',
      'compile-cache',
      'testing/index',
      'testing/app',
      'testing/conformance-suite',
    ]) {
      expect(shipped).toContain(`dist/${entry}.js`);
      expect(shipped).toContain(`dist/${entry}.d.ts`);
    }
  });

  it('declares, with types, every package its declarations import', async () => {
    // The consumer's typecheck skips declaration files (skipLibCheck), so an import of an undeclared or untyped
    // package there would pass it and break a stricter project: each one must be a typed dependency or peer.
    const installed = await realpath(join(dir, 'node_modules/@gatehouse/kit'));
    const declared = { ...manifest.dependencies, ...manifest.peerDependencies };
    const problems: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.d.ts'))) {
      const text = await readFile(join(installed, file.replace(/^package\//, '')), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import\()\s*'([^'.][^']*)'/g)) {
        if (specifier!.startsWith('node:')) continue;
        const name = specifier!
          .split('/')
          .slice(0, specifier!.startsWith('@') ? 2 : 1)
          .join('/');
        if (!declared[name]) {
          problems.push(`${file}: imports ${name}, not a dependency`);
          continue;
        }
        const typesPackage = `@types/${name.replace(/^@([^/]+)\//, '$1__')}`;
        if (declared[typesPackage]) continue;
        const pkg = await readFile(join(installed, '../..', name, 'package.json'), 'utf8');
        if (!/"(types|typings)"\s*:/.test(pkg))
          problems.push(`${file}: imports ${name}, which has no types (add ${typesPackage})`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it(
    'typechecks a server and every pinned name against the published declarations; authors cannot reach the operator entry',
    async () => {
      const author = Object.keys(PINNED).filter((e) => e !== './operator');
      await writeFile(join(dir, 'names.ts'), namesFile(author));
      await writeFile(join(dir, 'operator-names.ts'), namesFile(['./operator']));
      await writeFile(
        join(dir, 'no-operator.ts'),
        "// @ts-expect-error TS2307: without the gatehouse-operator condition the entry has no types.\nimport { createKitServer } from '@gatehouse/kit/operator';\n\nexport const reached: unknown = createKitServer;\n",
      );
      const tsc = join(dir, 'node_modules/.bin/tsc');
      await ok([tsc, ['-p', 'tsconfig.json']], dir);
      await ok([tsc, ['-p', 'tsconfig.operator.json']], dir);
    },
    SLOW,
  );

  it(
    'loads from plain Node with the runtime names of the source entries, and serves a tool in memory',
    async () => {
      const out = JSON.parse(await ok([process.execPath, ['check.mjs']], dir)) as {
        names: Record<string, string[]>;
        tools: string[];
        counted: unknown;
        refused: string;
      };
      for (const [entry, names] of Object.entries(out.names)) {
        const source =
          entry === '.'
            ? '../../src/index.ts'
            : entry === './operator'
              ? '../../src/operator.ts'
              : '../../src/testing/index.ts';
        expect(names, entry).toEqual(Object.keys(await import(source)).sort());
        expect(PINNED[entry]).toEqual(expect.arrayContaining(names));
      }
      expect(out.names['.']).toContain('defineTool');
      expect(out.tools).toEqual(['count_words']);
      expect(out.counted).toEqual({ words: 3 });
      expect(out.refused).toBe('invalid_input');
    },
    SLOW,
  );

  it(
    'runs the server with runServer from `node main.ts`; the SDK client lists and calls it over HTTP',
    async () => {
      const key = testApiKey('consumer', ['reader']);
      const server = await startServerProcess(join(dir, 'main.ts'), {
        GATEHOUSE_API_KEYS: JSON.stringify([key.entry]),
      });
      try {
        const client = await connectHttpClient(server.url, key.key);
        try {
          const { tools } = await client.listTools();
          expect(tools.map((t) => t.name)).toEqual(['count_words']);
          const counted = await client.callTool({ name: 'count_words', arguments: { text: 'a b' } });
          expect(structuredOf(counted)).toEqual({ words: 2 });
          const refused = await client.callTool({
            name: 'count_words',
            arguments: { text: 'x'.repeat(1001) },
          });
          expect(errorCodeOf(refused)).toBe('invalid_input');
        } finally {
          await client.close();
        }
      } finally {
        await server.stop();
      }
      expect(server.stderr()).toContain('[words]');
    },
    SLOW,
  );
});
