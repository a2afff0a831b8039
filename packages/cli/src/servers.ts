import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverServers } from '@gatehouse/kit/operator';

/** A Gatehouse server a host can enable: its name in host configs, its entry file and its default HTTP port. */
export interface KnownServer {
  readonly name: string;
  readonly title: string;
  /** Entry file relative to the repository root. */
  readonly entry: string;
  /** The pnpm workspace package, for `pnpm --filter <package> start`. */
  readonly package: string;
  readonly port: number;
}

/** The repository this CLI runs from: the default root for stdio entries. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/[\\/]$/, '');

/**
 * Every server in this repository, in port order (each serves `/mcp` on its own port by default): discovered
 * from the `gatehouse` field of each package.json under apps/ and packages/, never listed here.
 */
export const KNOWN_SERVERS: readonly KnownServer[] = discoverServers(REPOSITORY_ROOT).map((server) => ({
  name: server.name,
  title: server.title,
  entry: relative(REPOSITORY_ROOT, server.entryFile).split(sep).join('/'),
  package: server.package,
  port: server.port,
}));
