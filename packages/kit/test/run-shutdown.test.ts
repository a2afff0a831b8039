import { fileURLToPath } from 'node:url';
import { freeLoopbackPort } from '@gatehouse/embedded-pg';
import { describe, expect, it } from 'vitest';
import { runToExit, startServerProcess } from '../src/testing/index.ts';

// RunOptions.onShutdown: the app's own cleanup, run by runServer in a real process on each way it stops.
const entry = fileURLToPath(new URL('./fixtures/shutdown-main.ts', import.meta.url));

/** Starts the entry on HTTP, waits until it serves, sends SIGTERM, and collects its exit. */
async function terminate(env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const port = await freeLoopbackPort();
  const server = await startServerProcess(entry, { GATEHOUSE_PORT: String(port), ...env }, 15_000);
  const code = await server.stop();
  return { code, stderr: server.stderr() };
}

describe('runServer onShutdown', () => {
  it('runs the cleanup on SIGTERM once the transport is closed, then exits 0', async () => {
    const { code, stderr } = await terminate();
    expect(stderr).toContain('[fixture] cleanup ran; port still accepting: false');
    expect(stderr.match(/cleanup ran/g)).toHaveLength(1);
    expect(code).toBe(0);
  });

  it('logs a failing cleanup and still exits, with code 1', async () => {
    const { code, stderr } = await terminate({ SHUTDOWN_CLEANUP_FAILS: '1' });
    expect(stderr).toContain('cleanup ran');
    expect(stderr).toContain('[notes] the shutdown cleanup failed: the demo cluster would not stop');
    expect(code).toBe(1);
  });

  it('runs the cleanup when start-up fails on a config error, before exit code 78', async () => {
    const port = await freeLoopbackPort();
    const { code, stderr } = await runToExit(entry, {
      GATEHOUSE_PORT: String(port),
      GATEHOUSE_POLICY: '/nonexistent/policy.yaml',
    });
    expect(code).toBe(78);
    expect(stderr).toContain('/nonexistent/policy.yaml: cannot read the policy file');
    expect(stderr).toContain('cleanup ran');
  });
});
