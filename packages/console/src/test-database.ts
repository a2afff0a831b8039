// For this package's tests: a real PostgreSQL with the kit's tables, as a server configured with it leaves it.
import { startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import {
  type ApprovalStore,
  createPostgresApprovalStore,
  hashApiKey,
  migratePostgres,
} from '@gatehouse/kit/operator';
import pg from 'pg';
import { type RunningConsole, startConsole } from './server.ts';

export interface TestConsole {
  readonly approvals: ApprovalStore;
  readonly console: RunningConsole;
  stop(): Promise<void>;
}

/** Keys of the tests: bob and dana approve, carol only writes. */
export const KEYS = {
  bob: 'gh_test_bob_approver_key_0001',
  dana: 'gh_test_dana_approver_scope_0002',
  carol: 'gh_test_carol_writer_key_0003',
} as const;

export async function startTestConsole(): Promise<TestConsole> {
  const cluster = await startEmbeddedPostgres();
  const pool = new pg.Pool({ connectionString: cluster.url(), max: 4 });
  pool.on('error', () => undefined);
  await migratePostgres(pool);
  const approvals = createPostgresApprovalStore(pool);
  const running = await startConsole({
    approvals,
    apiKeys: [
      { hash: hashApiKey(KEYS.bob), actor: 'bob', roles: ['approver'], scopes: [] },
      { hash: hashApiKey(KEYS.dana), actor: 'dana', roles: [], scopes: ['approvals:decide'] },
      { hash: hashApiKey(KEYS.carol), actor: 'carol', roles: ['writer'], scopes: [] },
    ],
  });
  return {
    approvals,
    console: running,
    async stop() {
      await running.close();
      await pool.end();
      await cluster.stop();
    },
  };
}

/** A write waiting for a person, as the kit's approve step records it. */
export function writeRequest(
  actor: string,
  summary = `${actor} asks to run add_note (Add a note) on notebook:demo`,
) {
  return {
    actor,
    server: 'notes',
    tool: 'add_note',
    inputDigest: `sha256:${'ab'.repeat(32)}`,
    target: 'notebook:demo',
    summary,
    ttlSeconds: 900,
  };
}
