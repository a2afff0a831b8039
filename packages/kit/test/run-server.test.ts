import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToExit, startServerProcess, testApiKey } from '../src/testing/index.ts';

// runServer as a real process: the app's settings beside the kit's, start-up errors and exit codes, and the
// warning for a configured identity that reaches no tool.
const entry = fileURLToPath(new URL('./fixtures/settings-main.ts', import.meta.url));
let dir: string;
let policy: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gatehouse-run-'));
  policy = join(dir, 'policy.yaml');
  await writeFile(policy, 'roles:\n  reader: { scopes: [notes:read], tools: ["*"], targets: ["**"] }\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('runServer start-up', () => {
  it('reports the app’s and the kit’s bad settings together, exit 78, before the app starts', async () => {
    const { code, stderr } = await runToExit(entry, {
      GATEHOUSE_NOTES_GREETING: 'yo',
      GATEHOUSE_PORT: 'eighty',
    });
    expect(code).toBe(78);
    expect(stderr).toContain('[notes] cannot start.');
    expect(stderr).toMatch(/GATEHOUSE_PORT: expected/);
    expect(stderr).toMatch(/GATEHOUSE_NOTES_GREETING: /);
    expect(stderr).not.toContain('greeting');
  });

  it('reads the app’s settings from GATEHOUSE_<SERVER>_CONFIG; a crash in start exits 1 after the cleanups', async () => {
    const file = join(dir, 'notes.yaml');
    await writeFile(file, 'greeting: bonjour\n');
    const { code, stderr } = await runToExit(entry, { GATEHOUSE_NOTES_CONFIG: file, FAIL_START: 'crash' });
    expect(code).toBe(1);
    expect(stderr).toContain('[notes] greeting bonjour');
    expect(stderr).toContain('[notes] cannot start: Error: the upstream said no');
    // Last registered first.
    expect(stderr.indexOf('second cleanup ran')).toBeLessThan(stderr.indexOf('first cleanup ran'));
    expect(stderr.indexOf('first cleanup ran')).toBeGreaterThan(-1);
  });

  it('exits 78 with the problem when start throws a ConfigError, after the cleanups', async () => {
    const { code, stderr } = await runToExit(entry, { FAIL_START: 'config' });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_NOTES_GREETING: nobody answers');
    expect(stderr).toContain('first cleanup ran');
  });

  it('warns, naming the setting and the policy, of every API key that reaches no tool', async () => {
    const good = testApiKey('ana', ['reader']);
    const lost = testApiKey('bo', ['local']);
    const server = await startServerProcess(entry, {
      GATEHOUSE_POLICY: policy,
      GATEHOUSE_API_KEYS: JSON.stringify([good.entry, lost.entry]),
    });
    try {
      const warnings = server
        .stderr()
        .split('\n')
        .filter((line) => line.includes('warning'));
      expect(warnings).toEqual([
        `[notes] warning: GATEHOUSE_API_KEYS[1] (actor bo, roles local) reaches no tool of this server: role "local" is not defined in the policy GATEHOUSE_POLICY (${policy}) (it defines reader); give the identity one of those roles, or define the role there`,
      ]);
    } finally {
      await server.stop();
    }
  });

  it('warns when the development key’s roles (GATEHOUSE_STDIO_ROLES) reach no tool', async () => {
    const server = await startServerProcess(entry, {
      GATEHOUSE_POLICY: policy,
      GATEHOUSE_STDIO_ROLES: 'writer',
    });
    try {
      expect(server.stderr()).toContain(
        '[notes] warning: the development key (roles from GATEHOUSE_STDIO_ROLES) (actor local-dev, roles writer) reaches no tool',
      );
    } finally {
      await server.stop();
    }
  });

  it('warns on stdio too, and says nothing when the roles reach a tool', async () => {
    const lost = await runToExit(entry, {
      GATEHOUSE_TRANSPORT: 'stdio',
      GATEHOUSE_POLICY: policy,
      GATEHOUSE_STDIO_ROLES: 'local',
    });
    expect(lost.stderr).toContain('[notes] warning: GATEHOUSE_STDIO_ROLES (actor');
    const fine = await runToExit(entry, {
      GATEHOUSE_TRANSPORT: 'stdio',
      GATEHOUSE_POLICY: policy,
      GATEHOUSE_STDIO_ROLES: 'reader',
    });
    expect(fine.code).toBe(0);
    expect(fine.stderr).not.toContain('warning');
  });
});
