import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort } from '@gatehouse/embedded-pg';
import { describe, expect, it } from 'vitest';
import { runToExit } from '../src/testing/index.ts';

// RunOptions.onShutdown: the app's own cleanup, run by runServer in a real process on each way it stops.
const entry = fileURLToPath(new URL('./fixtures/shutdown-main.ts', import.meta.url));

/** Starts the entry on HTTP, waits until it serves, sends SIGTERM, and collects its exit. */
async function terminate(env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const port = await freeLoopbackPort();
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, GATEHOUSE_TRANSPORT: 'http', GATEHOUSE_PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 15_000);
    child.stderr.on('data', () => {
      if (!stderr.includes('serving MCP at')) return;
      clearTimeout(timer);
      resolve();
    });
  });
  child.kill('SIGTERM');
  return { code: await exited, stderr };
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
