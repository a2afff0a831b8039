// The real `gatehouse` entry as a child process, against a real PostgreSQL and a real server over HTTP.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort } from '@gatehouse/embedded-pg';
import {
  createPostgresApprovalStore,
  createPostgresAuditSink,
  KitSettingsSchema,
  loadConfig,
  loadPolicyFile,
  type PostgresAuditSink,
} from '@gatehouse/kit/operator';
import { type HttpHarness, startHttp } from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notesServer } from '../../kit/example/notes-server.ts';
import { ago, auditRecord, startTestDatabase, storeAudit, type TestDatabase } from './support.ts';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
const examplePolicy = fileURLToPath(new URL('../../kit/example/policy.yaml', import.meta.url));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['src/main.ts', ...args], {
    cwd: cliDir,
    // No state folder: a `./gatehouse start` running from the checkout must not answer for these tests.
    env: {
      ...process.env,
      GATEHOUSE_DATABASE_URL: '',
      GATEHOUSE_ACTOR: '',
      GATEHOUSE_STATE_DIR: '/nonexistent/gatehouse-test-state',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => {
    output.stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output.stderr += chunk;
  });
  const done = once(child, 'exit').then(([code]) => ({ code: code as number | null, ...output }));
  return { child, output, done };
}

// Each run starts Node and loads the kit: seconds on a busy machine, so these tests get generous time.
const SLOW = 120_000;

const gatehouse = (args: string[], env: Record<string, string> = {}): Promise<Result> =>
  start(args, env).done;

let db: TestDatabase;
let withDb: Record<string, string>;

beforeAll(async () => {
  db = await startTestDatabase();
  withDb = { GATEHOUSE_DATABASE_URL: db.url };
});
afterAll(async () => {
  await db?.stop();
});

describe('gatehouse (the real command)', () => {
  it(
    'prints help, and exits 2 on usage errors',
    async () => {
      const help = await gatehouse(['--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: gatehouse <command>/);
      for (const command of ['approvals', 'audit', 'keys', 'host-config'])
        expect(help.stdout).toContain(command);
      const commandHelp = await gatehouse(['audit', 'query', '--help']);
      expect([commandHelp.code, commandHelp.stdout]).toEqual([0, expect.stringContaining('--since <time>')]);

      const bare = await gatehouse([]);
      expect(bare.code).toBe(2);
      const unknown = await gatehouse(['approve']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain(
        'unknown command "approve"; commands: approvals, audit, console, keys, migrate, host-config, serve',
      );
      const badOption = await gatehouse(['audit', 'query', '--since', 'tuesday'], withDb);
      expect(badOption.code).toBe(2);
      expect(badOption.stderr).toContain('--since: expected an ISO time');
      const badHost = await gatehouse(['host-config', '--host', 'zed', '--servers', 'docs']);
      expect([badHost.code, badHost.stderr]).toEqual([
        2,
        expect.stringContaining('valid hosts: claude-desktop'),
      ]);
    },
    SLOW,
  );

  it(
    'exits 1 naming the host it tried when the database is unreachable, never the password',
    async () => {
      const port = await freeLoopbackPort();
      const result = await gatehouse(['approvals', 'list'], {
        GATEHOUSE_DATABASE_URL: `postgres://ops:Sup3rSecretPw@127.0.0.1:${port}/gatehouse`,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`cannot connect to PostgreSQL at ops@127.0.0.1:${port}/gatehouse`);
      expect(result.stderr).not.toContain('Sup3rSecretPw');
    },
    SLOW,
  );

  it(
    'prints a host config snippet',
    async () => {
      const result = await gatehouse([
        'host-config',
        '--host',
        'cursor',
        '--servers',
        'docs',
        '--url',
        'https://m.example',
      ]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        mcpServers: {
          'gatehouse-docs': {
            url: 'https://m.example:3103/mcp',
            headers: { Authorization: `Bearer \${env:GATEHOUSE_API_KEY}` },
          },
        },
      });
    },
    SLOW,
  );
});

describe('an out-of-band approval, end to end', () => {
  let server: HttpHarness;
  let audit: PostgresAuditSink;
  let key: string;

  beforeAll(async () => {
    // A key made by the CLI, configured the way a server reads GATEHOUSE_API_KEYS.
    const created = await gatehouse(['keys', 'create', '--actor', 'alice', '--roles', 'writer']);
    expect(created.code).toBe(0);
    const [printedKey = '', entry = ''] = created.stdout.trim().split('\n');
    key = printedKey;
    const settings = await loadConfig(KitSettingsSchema, {
      env: { GATEHOUSE_API_KEYS: `[${entry}]` },
      prefix: 'GATEHOUSE_',
    });
    audit = createPostgresAuditSink(db.pool);
    server = await startHttp(notesServer(), {
      policy: await loadPolicyFile(examplePolicy),
      apiKeys: settings.apiKeys,
      approvals: createPostgresApprovalStore(db.pool),
      audit,
    });
  });
  afterAll(async () => {
    await server?.close();
    await audit?.close();
  });

  it(
    'lets a person grant a waiting write with the CLI, and the retry runs once',
    async () => {
      const client = await server.connect(key);
      const call = { name: 'add_note', arguments: { title: 'Release plan', body: 'Ship on Thursday.' } };
      const first = await client.callTool(call);
      expect(first.isError).toBe(true);
      const id = /apr_[a-z2-7]{26}/.exec(JSON.stringify(first.content))?.[0] as string;
      expect(id).toBeDefined();

      const listed = await gatehouse(['approvals', 'list', '--status', 'pending', '--json'], withDb);
      expect(
        listed.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line).id),
      ).toContain(id);
      const shown = await gatehouse(['approvals', 'show', id], withDb);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(/Tool: +add_note/);
      expect(shown.stdout).toMatch(/Actor: +alice/);
      expect(shown.stdout).toMatch(/Input digest: +\S+/);

      const granted = await gatehouse(['approvals', 'grant', id, '--by', 'lead-bob'], withDb);
      expect(granted.code).toBe(0);
      expect(granted.stdout).toContain(`Granted ${id} (add_note on notes for alice) by lead-bob`);
      expect(await createPostgresApprovalStore(db.pool).get(id)).toMatchObject({
        status: 'granted',
        decidedBy: 'lead-bob',
      });

      const retry = await client.callTool(call);
      expect(retry.isError).not.toBe(true);
      expect(await createPostgresApprovalStore(db.pool).get(id)).toMatchObject({ status: 'used' });
      const again = await gatehouse(['approvals', 'grant', id], { ...withDb, GATEHOUSE_ACTOR: 'lead-bob' });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`cannot grant ${id}: approval ${id} has already been used`);

      // The server's own audit records of both calls, read back through the CLI.
      await audit.flush();
      const records = await gatehouse(
        ['audit', 'query', '--actor', 'alice', '--tool', 'add_note', '--json'],
        withDb,
      );
      expect(records.code).toBe(0);
      const stored = records.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      // The approved write stored its intent before it ran, then its outcome (the same call id).
      expect(stored.map((r) => [r.decision, r.outcome, r.phase])).toEqual([
        ['approval_required', 'not_run', undefined],
        ['approved', 'not_run', 'intent'],
        ['approved', 'ok', undefined],
      ]);
      expect(stored[2].approvalId).toBe(id);
      expect(stored[2].callId).toBe(stored[1].callId);
    },
    SLOW,
  );

  it(
    'lets a person deny with a reason',
    async () => {
      const client = await server.connect(key);
      const first = await client.callTool({ name: 'delete_note', arguments: { id: 'n1' } });
      const id = /apr_[a-z2-7]{26}/.exec(JSON.stringify(first.content))?.[0] as string;
      const denied = await gatehouse(['approvals', 'deny', id, '--reason', 'keep n1'], {
        ...withDb,
        GATEHOUSE_ACTOR: 'lead-bob',
      });
      expect(denied.code).toBe(0);
      expect(await createPostgresApprovalStore(db.pool).get(id)).toMatchObject({
        status: 'denied',
        decidedBy: 'lead-bob',
        reason: 'keep n1',
      });
      const retry = await client.callTool({ name: 'delete_note', arguments: { id: 'n1' } });
      expect(retry.isError).toBe(true);
    },
    SLOW,
  );
});

describe('gatehouse audit', () => {
  beforeAll(async () => {
    const now = Date.now();
    await storeAudit(db.pool, [
      auditRecord({ time: ago(2 * 86_400_000, now), actor: 'zoe', name: 'list_notes' }),
      auditRecord({ time: ago(40 * 60_000, now), actor: 'zoe', server: 'docs', name: 'search_docs' }),
      auditRecord({
        time: ago(20 * 60_000, now),
        actor: 'zoe',
        name: 'delete_note',
        decision: 'denied',
        outcome: 'not_run',
      }),
    ]);
  });

  it(
    'queries with filters as JSON lines or aligned columns',
    async () => {
      const json = await gatehouse(['audit', 'query', '--actor', 'zoe', '--since', '1h', '--json'], withDb);
      expect(json.code).toBe(0);
      expect(
        json.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line).name),
      ).toEqual(['search_docs', 'delete_note']);
      const denied = await gatehouse(['audit', 'query', '--actor', 'zoe', '--decision', 'denied'], withDb);
      const lines = denied.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^TIME +ACTOR +SERVER +NAME +DECISION +OUTCOME +MS +TARGET$/);
      expect(lines[1]).toMatch(/ zoe +notes +delete_note +denied +not_run /);
      expect(lines[1]?.indexOf('zoe')).toBe(lines[0]?.indexOf('ACTOR'));
    },
    SLOW,
  );

  it(
    'tails the newest records and follows new ones until SIGINT',
    async () => {
      const tail = start(
        ['audit', 'tail', '--actor', 'zoe', '-n', '2', '--json', '--follow', '--interval', '1'],
        withDb,
      );
      await until(() => tail.output.stderr.includes('Following new records'));
      expect(
        tail.output.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line).name),
      ).toEqual(['search_docs', 'delete_note']);
      await storeAudit(db.pool, [
        auditRecord({ time: new Date().toISOString(), actor: 'zoe', name: 'get_note' }),
      ]);
      await until(() => tail.output.stdout.includes('get_note'));
      tail.child.kill('SIGINT');
      const result = await tail.done;
      expect(result.code).toBe(0);
      expect(
        result.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line).name),
      ).toEqual(['search_docs', 'delete_note', 'get_note']);
    },
    SLOW,
  );
});

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
