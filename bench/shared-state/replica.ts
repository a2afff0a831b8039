// A bench server replica as its own process (server.ts), stopped with SIGTERM so its audit sinks flush.
import { fileURLToPath } from 'node:url';
import { startServerProcess } from '@gatehouse/kit/testing';

export interface Replica {
  readonly name: string;
  readonly url: string;
  readonly auditLog: string;
  /** SIGTERM, then wait for a clean exit (the sinks store what they hold); SIGKILL only if it hangs. */
  stop(): Promise<{ clean: boolean }>;
}

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

export async function startReplica(
  name: string,
  audit: 'on' | 'off',
  env: Record<string, string>,
  auditLog: string,
): Promise<Replica> {
  const server = await startServerProcess(
    SERVER,
    { ...env, GATEHOUSE_AUDIT_LOG: auditLog, GATEHOUSE_AUDIT_STORE: audit === 'on' ? 'database' : 'log' },
    START_TIMEOUT_MS,
  ).catch((error: unknown) => {
    throw new Error(`replica ${name}: ${(error as Error).message}`);
  });
  let stopped: Promise<{ clean: boolean }> | undefined;
  return {
    name,
    url: server.url,
    auditLog,
    stop() {
      // A SIGKILLed replica exits with no code: not clean. Stopping twice answers the same.
      stopped ??= server.stop('SIGTERM', STOP_TIMEOUT_MS).then((code) => ({ clean: code === 0 }));
      return stopped;
    },
  };
}
