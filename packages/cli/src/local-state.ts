import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { REPOSITORY_ROOT } from './servers.ts';

/**
 * The state `./gatehouse start` keeps between runs in a git-ignored folder of the checkout (`.gatehouse/`, or
 * GATEHOUSE_STATE_DIR): the embedded PostgreSQL's folder and passwords, the development key's hash, and, while
 * it runs, where everything is. The CLI reads it to find the database with no flags. The file holds passwords,
 * so only its owner may read it (mode 600); the key itself is never stored, only its SHA-256 hash.
 */
const LocalStateSchema = z.object({
  version: z.literal(1),
  /** The local cluster: its superuser password, and the `gatehouse` role's, which owns the kit's database. */
  postgres: z.object({ superuserPassword: z.string().min(1), gatehousePassword: z.string().min(1) }),
  /** The development key every local server accepts: its hash only; the key was printed once. */
  key: z.object({
    hash: z.string(),
    actor: z.string(),
    roles: z.array(z.string()),
    createdAt: z.string(),
  }),
  /** Base64 key signing cursors and approval state, so they stay valid across restarts. */
  signingKey: z.string().min(1),
  /** Present while `start` runs: its process, the kit's database URL and every server's MCP URL. */
  running: z
    .object({
      pid: z.number().int(),
      startedAt: z.string(),
      databaseUrl: z.string(),
      servers: z.record(z.string(), z.string()),
      /** How a person grants an approval here (the command the approval answer names). */
      approvalCommand: z.string(),
    })
    .optional(),
});

export type LocalState = z.infer<typeof LocalStateSchema>;
export type RunningState = NonNullable<LocalState['running']>;

export const STATE_FILE = 'local.json';

/** The state folder: GATEHOUSE_STATE_DIR, else `.gatehouse` in the checkout. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.GATEHOUSE_STATE_DIR?.trim();
  return configured ? resolve(configured) : join(REPOSITORY_ROOT, '.gatehouse');
}

/** The state, or undefined when there is none yet; a damaged file is an error naming it. */
export function readLocalState(dir: string): LocalState | undefined {
  const file = join(dir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON; delete it and start again (a new development key is made)`);
  }
  const parsed = LocalStateSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `${file} is not a state this version understands (${parsed.error.issues[0]?.message ?? 'invalid'}); delete it and start again`,
    );
  }
  return parsed.data;
}

/**
 * Writes the state readable by its owner only: a temporary file created with mode 600, then renamed over the old
 * one, so a reader never sees half a file and the passwords are never readable by others, not even for a moment.
 */
export function writeLocalState(dir: string, state: LocalState): void {
  ensureStateDir(dir);
  const file = join(dir, STATE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(LocalStateSchema.parse(state), null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/**
 * Creates the state folder. Others may pass through it but not list it (711): under root the cluster runs as the
 * `postgres` user, which must reach its own folder inside; the files that matter are 600 and 700.
 */
export function ensureStateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o711 });
  chmodSync(dir, 0o711);
}

/** Whether the process that wrote `running` is still alive (signal 0 only checks). */
export function isRunning(running: RunningState | undefined): running is RunningState {
  if (running === undefined) return false;
  try {
    process.kill(running.pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (a start under sudo).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running start, if any, from the state folder the environment names. */
export function runningLocal(env: NodeJS.ProcessEnv = process.env): RunningState | undefined {
  const dir = stateDir(env);
  const state = readLocalState(dir);
  return isRunning(state?.running) ? state.running : undefined;
}
