// A bench server replica as its own process (server.ts), stopped with SIGTERM so its audit sinks flush.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      ...env,
      GATEHOUSE_AUDIT_LOG: auditLog,
      GATEHOUSE_AUDIT_STORE: audit === 'on' ? 'database' : 'log',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Keep reading stderr (the server's log) so a full pipe never stalls the server; keep the tail for errors.
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${stderr}`)), START_TIMEOUT_MS);
    child.stderr.on('data', () => {
      const found = /serving MCP at (\S+)/.exec(stderr)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${stderr}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL'); // a replica that never said it serves is not left behind
    throw error;
  });
  return {
    name,
    url,
    auditLog,
    async stop() {
      if (child.exitCode !== null) return { clean: child.exitCode === 0 };
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
      });
      const timedOut = await Promise.race([exited.then(() => false), hung]);
      clearTimeout(timer);
      if (timedOut) {
        child.kill('SIGKILL');
        await exited;
        return { clean: false };
      }
      return { clean: child.exitCode === 0 };
    },
  };
}
