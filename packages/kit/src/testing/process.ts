import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';

/**
 * Runs a server entry to its exit with extra environment, for start-up tests (a bad setting must stop it with
 * exit code 78 and a message naming the setting). Gives up after `timeoutMs`. A variable set to undefined is
 * left out of the child's environment.
 */
export function runToExit(
  entry: string,
  env: Record<string, string | undefined>,
  timeoutMs = 15_000,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not exit within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

export interface ServerProcess {
  /** The MCP endpoint the server printed (`serving MCP at <url>`). */
  readonly url: string;
  readonly child: ChildProcess;
  /** What the server wrote to stderr so far (its log, the audit log by default, the dev key). */
  stderr(): string;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** Sends `signal` (SIGTERM: a clean shutdown), waits for the exit, SIGKILLs after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

/**
 * Starts a server entry as its own process on HTTP (port 0 unless `env` says otherwise) and resolves once it
 * prints the URL it serves, as runServer does. A process that exits or stays silent past `timeoutMs` is killed
 * and the promise rejects with what it wrote.
 */
export async function startServerProcess(
  entry: string,
  env: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, GATEHOUSE_TRANSPORT: 'http', GATEHOUSE_PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  // Keep reading, so a chatty server never stalls on a full pipe; keep enough of it for an error message.
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-64_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} did not start within ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    child.stderr?.on('data', () => {
      const found = /serving MCP at (\S+)/.exec(stderr)?.[1];
      if (found === undefined) return;
      clearTimeout(timer);
      resolve(found);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before serving: ${stderr}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    url,
    child,
    stderr: () => stderr,
    exited,
    async stop(signal = 'SIGTERM', stopTimeoutMs = 20_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Whether something accepts TCP connections on a loopback port (a server, or a database it should have stopped). */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
