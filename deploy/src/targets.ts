import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverServers, settingsPrefix } from '@gatehouse/kit/operator';

/** The repository root (this package sits in deploy/). */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');

/**
 * A server as deployed: one image, one compose service, one set of Kubernetes objects. Everything here comes from
 * discovery (the `gatehouse` field of apps/<name>/package.json), so a new server is deployed with no copy-paste.
 */
export interface DeployTarget {
  /** The server's name (gatehouse-<server> in images, services and objects). */
  readonly server: string;
  readonly title: string;
  /** The port it listens on inside its container (its manifest's port). */
  readonly port: number;
  /** Its package folder, relative to the repository root, in / form: the Dockerfile's APP. */
  readonly app: string;
  /** Its package.json version: the image's version label. */
  readonly version: string;
  /** sha256 over its committed contract snapshots (the wire JSON of every tool): the image's contracts label. */
  readonly contractsSha256: string;
  /** Its settings' prefix (GATEHOUSE_<SERVER>_): where its own settings and upstream secrets go. */
  readonly settingsPrefix: string;
}

/** Every server under apps/ in port order (the kit's example server under packages/ is not deployed). */
export function deployTargets(root: string = REPOSITORY_ROOT): DeployTarget[] {
  return discoverServers(root)
    .filter((found) => relative(root, found.dir).split(sep)[0] === 'apps')
    .map((found) => {
      const pkg = JSON.parse(readFileSync(join(found.dir, 'package.json'), 'utf8')) as { version?: string };
      return {
        server: found.name,
        title: found.title,
        port: found.port,
        app: relative(root, found.dir).split(sep).join('/'),
        version: pkg.version ?? '0.0.0',
        contractsSha256: contractsDigest(contractsFolder(found.dir, found.entryFile)),
        settingsPrefix: settingsPrefix(found.name),
      };
    });
}

/**
 * What one image is built from (the Dockerfile's build arguments): a server's, or the CLI's, which the migration
 * Job runs (`gatehouse migrate`). Images are named localhost/gatehouse-<name>.
 */
export interface ImageTarget {
  /** gatehouse-<name>: the server's name, or `cli`. */
  readonly name: string;
  /** The package folder (the Dockerfile's APP). */
  readonly app: string;
  /** The server it serves; undefined for the CLI. */
  readonly server?: string;
  /** The port it listens on; undefined for the CLI, which serves nothing. */
  readonly port?: number;
  readonly version: string;
  readonly contractsSha256: string;
  readonly description: string;
  /** The Dockerfile's final stage: `server` (listens, probed by its HEALTHCHECK) or `cli` (runs a command, exits). */
  readonly stage: 'server' | 'cli';
}

export function serverImage(target: DeployTarget): ImageTarget {
  return {
    name: target.server,
    app: target.app,
    server: target.server,
    port: target.port,
    version: target.version,
    contractsSha256: target.contractsSha256,
    description: `Gatehouse MCP server ${target.server}: ${target.title}`,
    stage: 'server',
  };
}

/** The `gatehouse` command's image (packages/cli): the migration Job's, and the operator's CLI in a cluster. */
export const CLI_PACKAGE = 'packages/cli';

export function cliImage(root: string = REPOSITORY_ROOT): ImageTarget {
  const pkg = JSON.parse(readFileSync(join(root, CLI_PACKAGE, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return {
    name: 'cli',
    app: CLI_PACKAGE,
    version: pkg.version ?? '0.0.0',
    contractsSha256: '',
    description: 'The gatehouse command: migrate, approvals, audit, keys',
    stage: 'cli',
  };
}

/** Every image `pnpm --filter @gatehouse/deploy images` builds: each deployed server's, then the CLI's. */
export function imageTargets(root: string = REPOSITORY_ROOT): ImageTarget[] {
  return [...deployTargets(root).map(serverImage), cliImage(root)];
}

/** The server's snapshot folder: <package>/contracts, else contracts/ beside the entry's folder. */
function contractsFolder(dir: string, entryFile: string): string | undefined {
  for (const candidate of [join(dir, 'contracts'), join(dirname(dirname(entryFile)), 'contracts')]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** sha256 over each file's path (relative, / separated) and content, in path order; '' when there is none. */
export function contractsDigest(folder: string | undefined): string {
  if (folder === undefined) return '';
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(folder);
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(relative(folder, file).split(sep).join('/')).update('\0');
    hash.update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}
