import { fileURLToPath } from 'node:url';

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

/** Every server in this repository, in port order (each serves `/mcp` on its own port by default). */
export const KNOWN_SERVERS: readonly KnownServer[] = [
  {
    name: 'notes',
    title: 'the kit example notes server',
    entry: 'packages/kit/example/main.ts',
    package: '@gatehouse/kit',
    port: 3100,
  },
  {
    name: 'github',
    title: 'GitHub',
    entry: 'apps/github/src/main.ts',
    package: '@gatehouse/github',
    port: 3101,
  },
  {
    name: 'database',
    title: 'PostgreSQL database',
    entry: 'apps/database/src/main.ts',
    package: '@gatehouse/database',
    port: 3102,
  },
  {
    name: 'docs',
    title: 'documentation',
    entry: 'apps/docs/src/main.ts',
    package: '@gatehouse/docs',
    port: 3103,
  },
];

/** The repository this CLI runs from: the default root for stdio entries. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/[\\/]$/, '');
