import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ImageTarget } from './targets.ts';
import { REPOSITORY_ROOT } from './targets.ts';

const run = promisify(execFile);

/** Whether podman is on this machine's PATH. */
export function podmanAvailable(): boolean {
  return spawnSync('podman', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Flags podman needs on these machines for every container it starts (a build's RUN steps included): runc, since
 * crun fails on the host's cgroups, and explicit ulimits, since the inherited ones cannot be set inside.
 */
export const PODMAN_RUNTIME_FLAGS = [
  '--runtime',
  'runc',
  '--ulimit',
  'nofile=1024:1024',
  '--ulimit',
  'nproc=1024:1024',
] as const;

/**
 * The environment every podman (and podman-compose) run gets: BUILDAH_FORMAT=docker (or HEALTHCHECK is dropped),
 * and a PATH that reaches the sbin folders, where netavark (podman's network helper, used by every RUN step and
 * container) finds iptables and nft: a minimal PATH such as CI's `/usr/bin:/bin` otherwise fails the build with
 * "netavark: No such file or directory".
 */
export function podmanEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const path = (base.PATH ?? '').split(':').filter(Boolean);
  for (const dir of ['/usr/local/sbin', '/usr/sbin', '/sbin']) if (!path.includes(dir)) path.push(dir);
  return { ...base, PATH: path.join(':'), BUILDAH_FORMAT: 'docker' };
}

/** `podman <args>`: its stdout, trimmed; a failure throws with podman's stderr. */
export async function podman(
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  try {
    const { stdout } = await run('podman', [...args], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: options.timeoutMs ?? 600_000,
      env: options.env ?? podmanEnv(),
    });
    return stdout.trim();
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`podman ${args.slice(0, 2).join(' ')} failed: ${e.stderr?.trim() || e.message}`);
  }
}

/** Builds the local stand-in for the base image unless an image of that name is already here. */
export async function ensureBaseImage(): Promise<void> {
  await run('sh', [`${REPOSITORY_ROOT}/deploy/image/stand-in.sh`], { timeout: 900_000, env: podmanEnv() });
}

/** The same for compose's PostgreSQL (deploy/image/postgres-stand-in.sh), from the same cached root filesystem. */
export async function ensurePostgresImage(): Promise<void> {
  await run('sh', [`${REPOSITORY_ROOT}/deploy/image/postgres-stand-in.sh`], {
    timeout: 900_000,
    env: podmanEnv(),
  });
}

let machineConf: string | undefined;

/**
 * The environment for podman commands that start containers without taking flags per container (podman-compose,
 * podman kube play): podmanEnv plus a containers.conf with what PODMAN_RUNTIME_FLAGS gives `podman run`.
 */
export function machineContainersEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (machineConf === undefined) {
    machineConf = join(mkdtempSync(join(tmpdir(), 'gatehouse-podman-')), 'containers.conf');
    writeFileSync(
      machineConf,
      '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]\n[engine]\nruntime = "runc"\n',
    );
  }
  return { ...podmanEnv(base), CONTAINERS_CONF: machineConf };
}

/** What a container wrote, stdout then stderr (a server's log and audit lines are on stderr). */
export async function containerLogs(name: string): Promise<string> {
  const { stdout, stderr } = await run('podman', ['logs', name], {
    maxBuffer: 64 * 1024 * 1024,
    env: podmanEnv(),
  });
  return stdout + stderr;
}

/** The image name: localhost/gatehouse-<name>:<tag>. */
export function imageName(target: ImageTarget, tag: string = target.version): string {
  return `localhost/gatehouse-${target.name}:${tag}`;
}

/**
 * The build arguments the Dockerfile takes: the package folder, the image's name, the server and its port (none for
 * the CLI), and the labels' description, version and contracts digest.
 */
export function buildArgs(target: ImageTarget): string[] {
  return [
    `APP=${target.app}`,
    `NAME=${target.name}`,
    ...(target.server === undefined ? [] : [`SERVER=${target.server}`]),
    ...(target.port === undefined ? [] : [`PORT=${target.port}`]),
    `DESCRIPTION=${target.description}`,
    `VERSION=${target.version}`,
    `CONTRACTS_SHA256=${target.contractsSha256}`,
  ].flatMap((arg) => ['--build-arg', arg]);
}

/**
 * Builds a server's image from the repository's Dockerfile with podman, reusing cached layers. `pull: 'never'`
 * (the tests) uses the base image already here: the official one, or the stand-in deploy/image/stand-in.sh builds.
 */
export async function buildImage(
  target: ImageTarget,
  options: { tag?: string; pull?: 'never' | 'missing' } = {},
): Promise<string> {
  const image = imageName(target, options.tag);
  await podman([
    'build',
    ...PODMAN_RUNTIME_FLAGS,
    `--pull=${options.pull ?? 'missing'}`,
    '--layers',
    '--file',
    `${REPOSITORY_ROOT}/Dockerfile`,
    '--target',
    target.stage,
    ...buildArgs(target),
    '--tag',
    image,
    // What compose.yaml and the Kubernetes base name when no overlay sets a tag.
    '--tag',
    imageName(target, 'latest'),
    REPOSITORY_ROOT,
  ]);
  return image;
}
