// For this package's tests: a real PostgreSQL with the kit's tables, as a server configured with it leaves it.
import { startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import {
  type ApprovalStore,
  type AuditSink,
  createPostgresApprovalStore,
  type DiscoveredServer,
  hashApiKey,
  migratePostgres,
} from '@gatehouse/kit/operator';
import pg from 'pg';
import { type ConsoleOptions, type RunningConsole, startConsole } from './server.ts';

export interface TestConsole {
  readonly approvals: ApprovalStore;
  readonly pool: pg.Pool;
  /** The cluster's URL, for a server process on the same store. */
  readonly databaseUrl: string;
  readonly console: RunningConsole;
  stop(): Promise<void>;
}

/** Keys of the tests: bob and dana approve, carol only writes. */
export const KEYS = {
  bob: 'gh_test_bob_approver_key_0001',
  dana: 'gh_test_dana_approver_scope_0002',
  carol: 'gh_test_carol_writer_key_0003',
} as const;

export const TEST_API_KEYS = [
  { hash: hashApiKey(KEYS.bob), actor: 'bob', roles: ['approver'], scopes: [] },
  { hash: hashApiKey(KEYS.dana), actor: 'dana', roles: [], scopes: ['approvals:decide'] },
  { hash: hashApiKey(KEYS.carol), actor: 'carol', roles: ['writer'], scopes: [] },
];

export async function startTestConsole(
  options: {
    audit?: AuditSink;
    servers?: readonly DiscoveredServer[];
    rootReadme?: string;
    throttle?: ConsoleOptions['throttle'];
    live?: ConsoleOptions['live'];
    oauth?: ConsoleOptions['oauth'];
  } = {},
): Promise<TestConsole> {
  const cluster = await startEmbeddedPostgres();
  const pool = new pg.Pool({ connectionString: cluster.url(), max: 4 });
  pool.on('error', () => undefined);
  await migratePostgres(pool);
  const approvals = createPostgresApprovalStore(pool);
  const running = await startConsole({
    pool,
    ...options,
    apiKeys: TEST_API_KEYS,
  });
  return {
    approvals,
    pool,
    databaseUrl: cluster.url(),
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

/** A form POST as a browser sends it (redirects not followed, so a test sees the 303). */
export const formPost = (fields: Record<string, string>, cookie?: string) => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    ...(cookie === undefined ? {} : { cookie }),
  },
  body: new URLSearchParams(fields).toString(),
});

export const csrfIn = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] as string;

export const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** Signs in through the real form; returns the session cookie and the session's CSRF token. */
export async function signIn(base: string, key: string): Promise<{ cookie: string; csrf: string }> {
  const login = await fetch(new URL('/login', base));
  const res = await fetch(
    new URL('/login', base),
    formPost({ csrf: csrfIn(await login.text()), key }, cookieOf(login)),
  );
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = cookieOf(res).split('; ')[0] as string;
  const inbox = await fetch(new URL('/', base), { headers: { cookie } });
  return { cookie, csrf: csrfIn(await inbox.text()) };
}
