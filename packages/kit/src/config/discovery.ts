import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';

/**
 * A server declares itself in its package.json, and everything that needs the list of servers reads it from
 * there (`pnpm start`, `gatehouse host-config` and `serve`, the shared app test, runServer's defaults), so no
 * list is kept by hand:
 *
 *     "gatehouse": { "server": "docs", "port": 3103, "entry": "src/main.ts" }
 */
export const ServerManifestSchema = z.strictObject({
  /** The server's name: in host configs (gatehouse-<server>), audit records, its settings' prefix. */
  server: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, 'expected a lowercase name of 2-32 letters, digits and -'),
  /** Its HTTP port when GATEHOUSE_PORT is not set; each server has its own, so they can all run at once. */
  port: z.number().int().min(1024).max(65_535),
  /** Its process entry, relative to the package folder. */
  entry: z.string().min(1),
  /** Its embedded-default policy, relative to the package folder. */
  policy: z.string().min(1).default('policy.default.yaml'),
  /** What it serves, in a few words (host-config help); default: the package's description. */
  title: z.string().min(1).optional(),
});

/** A server as discovered: the manifest's fields, resolved against its package. */
export interface DiscoveredServer {
  readonly name: string;
  readonly title: string;
  readonly port: number;
  /** The package's folder (absolute). */
  readonly dir: string;
  /** The pnpm workspace package, for `pnpm --filter <package> start`. */
  readonly package: string;
  /** The entry file, absolute. */
  readonly entryFile: string;
  /** The default policy file, absolute. */
  readonly policyFile: string;
}

/** The folders of a repository whose packages may declare servers. */
export const SERVER_FOLDERS = ['apps', 'packages'] as const;

/**
 * The server a package folder declares, or undefined when its package.json has no `gatehouse` field. A field
 * that is there but wrong, or a path in it that leads out of the package, is a ConfigError naming the file.
 */
export function readServerManifest(dir: string): DiscoveredServer | undefined {
  const file = join(dir, 'package.json');
  let pkg: { name?: unknown; description?: unknown; gatehouse?: unknown };
  try {
    pkg = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      [`${file}: cannot read it as JSON (${(error as Error).message})`],
      'Invalid package',
    );
  }
  if (pkg.gatehouse === undefined) return undefined;
  const parsed = ServerManifestSchema.safeParse(pkg.gatehouse);
  const heading = `Invalid "gatehouse" field in ${file}`;
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) =>
        issue.path.length === 0 ? issue.message : `gatehouse.${issue.path.join('.')}: ${issue.message}`,
      ),
      heading,
    );
  }
  const manifest = parsed.data;
  const inside = (key: 'entry' | 'policy') => {
    const path = resolve(dir, manifest[key]);
    const rel = relative(dir, path);
    if (isAbsolute(manifest[key]) || rel.startsWith('..') || rel === '') {
      throw new ConfigError(
        [`gatehouse.${key}: expected a file inside ${dir}, got ${manifest[key]}`],
        heading,
      );
    }
    return path;
  };
  return {
    name: manifest.server,
    title: manifest.title ?? (typeof pkg.description === 'string' ? pkg.description : manifest.server),
    port: manifest.port,
    dir,
    package: typeof pkg.name === 'string' ? pkg.name : manifest.server,
    entryFile: inside('entry'),
    policyFile: inside('policy'),
  };
}

/**
 * The server an entry file belongs to: the manifest of the nearest package.json above it. A package without the
 * `gatehouse` field is a ConfigError saying what to add.
 */
export function findServerManifest(entry: string | URL): DiscoveredServer {
  const file = entry instanceof URL || entry.startsWith('file:') ? fileURLToPath(entry) : entry;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const found = readServerManifest(dir);
      if (found) return found;
      throw new ConfigError(
        [
          `${join(dir, 'package.json')}: no "gatehouse" field; a server's package declares itself, e.g. "gatehouse": { "server": "tickets", "port": 3110, "entry": "src/main.ts" }`,
        ],
        'Not a Gatehouse server package',
      );
    }
    if (dirname(dir) === dir) {
      throw new ConfigError([`${file}: no package.json above it`], 'Not a Gatehouse server package');
    }
  }
}

/**
 * Every server in a repository: the packages directly under `apps/` and `packages/` whose package.json has the
 * `gatehouse` field, in port order. Two servers with one name or one port are a ConfigError.
 */
export function discoverServers(root: string): DiscoveredServer[] {
  const found: DiscoveredServer[] = [];
  for (const folder of SERVER_FOLDERS) {
    let names: string[];
    try {
      names = readdirSync(join(root, folder)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = join(root, folder, name);
      if (!existsSync(join(dir, 'package.json'))) continue;
      const server = readServerManifest(dir);
      if (server) found.push(server);
    }
  }
  const problems: string[] = [];
  for (const key of ['name', 'port'] as const) {
    const seen = new Map<string | number, DiscoveredServer>();
    for (const server of found) {
      const other = seen.get(server[key]);
      if (other) {
        problems.push(
          `${shortPath(root, other.dir)} and ${shortPath(root, server.dir)} both declare ${key === 'name' ? 'server' : 'port'} ${server[key]}`,
        );
      } else seen.set(server[key], server);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems, 'Servers clash');
  return found.sort((a, b) => a.port - b.port);
}

function shortPath(root: string, dir: string): string {
  return relative(root, dir).split(sep).join('/');
}
