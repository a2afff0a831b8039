import { type AddressInfo, createServer } from 'node:net';
import { hashApiKey } from '@gatehouse/kit/operator';

/** Callers the container tests use: one with the reader role, one with no role (refused, and audited). */
export const reader = { key: `gh_test_reader_${process.pid}_0123456789abcdef`, actor: 'reader-in-test' };
export const nobody = { key: `gh_test_nobody_${process.pid}_0123456789abcdef`, actor: 'nobody-in-test' };

/** GATEHOUSE_API_KEYS for those callers. */
export function apiKeys(): string {
  return JSON.stringify([
    { hash: hashApiKey(reader.key), actor: reader.actor, roles: ['reader'] },
    { hash: hashApiKey(nobody.key), actor: nobody.actor, roles: [] },
  ]);
}

/** Waits for `base`/readyz to answer 200; on timeout fails with what `logs` returns (the container's output). */
export async function waitUntilReady(
  base: string,
  logs: () => Promise<string>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${base}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${base} never got ready:\n${await logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A loopback port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The audit lines (JSON objects) in a container's output. */
export function auditLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
