import { parse, stringify } from 'yaml';

// A project outside this repository installs the packed kit the way a team would (`pnpm install` of the tarball),
// but offline: pnpm resolves nothing without registry metadata, so the project gets a lockfile instead, derived
// from this workspace's (the same versions every test here ran with, all in the local store). The kit itself is
// the tarball, pinned by its integrity like any `file:` dependency.

interface Lockfile {
  lockfileVersion: string;
  settings?: Record<string, unknown>;
  importers: Record<string, Record<string, Record<string, { specifier: string; version: string }>>>;
  packages?: Record<string, Record<string, unknown>>;
  snapshots?: Record<string, Record<string, unknown>>;
}

/** What the tarball's package.json says about its install (as packed: publishConfig applied). */
export interface PackedManifest {
  readonly name: string;
  readonly version: string;
  readonly engines?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface ConsumerInput {
  /** The workspace's pnpm-lock.yaml. */
  readonly workspaceLock: string;
  /** The workspace importer the tarball was packed from (`packages/kit`): its versions are the ones installed. */
  readonly importer: string;
  /** The tarball: its path as the consumer's package.json names it (`file:…`), integrity and manifest. */
  readonly tarball: { readonly file: string; readonly integrity: string; readonly manifest: PackedManifest };
  /** The consumer's own dependencies besides the kit, each at the version the workspace importer has. */
  readonly dependencies: readonly string[];
  readonly devDependencies: readonly string[];
}

export interface Consumer {
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly lockfile: string;
}

const peelPeers = (key: string) => {
  const at = key.indexOf('(');
  return at === -1 ? key : key.slice(0, at);
};

/** `name` at `version` as a snapshot key: an alias's version already names its package (`string-width@4.2.3`). */
function snapshotKey(name: string, version: string): string {
  return /^(@[^@/]+\/)?[^@/(]+@/.test(version) && !version.startsWith(`${name}@`)
    ? version
    : `${name}@${version}`;
}

export function consumerProject(input: ConsumerInput): Consumer {
  const lock = parse(input.workspaceLock) as Lockfile;
  if (lock.lockfileVersion !== '9.0') {
    throw new Error(
      `consumer lockfile: expected lockfile version 9.0 in the workspace, got ${lock.lockfileVersion}`,
    );
  }
  const importer = lock.importers[input.importer];
  if (!importer)
    throw new Error(`consumer lockfile: no importer ${input.importer} in the workspace lockfile`);
  const resolved = (name: string) => {
    const entry = importer.dependencies?.[name] ?? importer.devDependencies?.[name];
    if (!entry) throw new Error(`consumer lockfile: ${input.importer} does not depend on ${name}`);
    if (entry.version.startsWith('link:'))
      throw new Error(`consumer lockfile: ${name} is a workspace package`);
    return entry.version;
  };

  const { manifest } = input.tarball;
  const kitDeps = Object.fromEntries(Object.keys(manifest.dependencies ?? {}).map((n) => [n, resolved(n)]));
  const own = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, resolved(n)]));
  const deps = own(input.dependencies);
  const devDeps = own(input.devDependencies);
  // The kit's peers are what it finds beside it: its own dependency of that name or the consumer's.
  const peers = Object.keys(manifest.peerDependencies ?? {})
    .filter((n) => kitDeps[n] ?? deps[n])
    .sort()
    .map((n) => `(${n}@${kitDeps[n] ?? deps[n]})`)
    .join('');
  const kitKey = `${manifest.name}@${input.tarball.file}`;

  // Every package the kit and the consumer's own dependencies reach, by snapshot key.
  const reached = new Set<string>();
  const visit = (key: string) => {
    if (reached.has(key)) return;
    const snapshot = lock.snapshots?.[key];
    if (!snapshot) throw new Error(`consumer lockfile: the workspace lockfile has no snapshot ${key}`);
    reached.add(key);
    for (const field of ['dependencies', 'optionalDependencies'] as const) {
      const map = (snapshot[field] ?? {}) as Record<string, string>;
      for (const [name, version] of Object.entries(map)) visit(snapshotKey(name, version));
    }
  };
  for (const [name, version] of Object.entries({ ...kitDeps, ...deps, ...devDeps }))
    visit(snapshotKey(name, version));

  const packages: Record<string, unknown> = {
    [kitKey]: {
      resolution: { integrity: input.tarball.integrity, tarball: input.tarball.file },
      version: manifest.version,
      ...(manifest.engines ? { engines: manifest.engines } : {}),
      ...(manifest.peerDependencies ? { peerDependencies: manifest.peerDependencies } : {}),
      ...(manifest.peerDependenciesMeta ? { peerDependenciesMeta: manifest.peerDependenciesMeta } : {}),
    },
  };
  const snapshots: Record<string, unknown> = { [`${kitKey}${peers}`]: { dependencies: kitDeps } };
  for (const key of [...reached].sort()) {
    const pkg = lock.packages?.[peelPeers(key)];
    if (!pkg) throw new Error(`consumer lockfile: the workspace lockfile has no package ${peelPeers(key)}`);
    packages[peelPeers(key)] = pkg;
    snapshots[key] = lock.snapshots![key];
  }

  const entries = (map: Record<string, string>, specifier: (n: string) => string) =>
    Object.fromEntries(Object.entries(map).map(([n, v]) => [n, { specifier: specifier(n), version: v }]));
  const versionOnly = (map: Record<string, string>) =>
    Object.fromEntries(Object.entries(map).map(([n, v]) => [n, peelPeers(v)]));
  const consumer: Lockfile = {
    lockfileVersion: '9.0',
    settings: { autoInstallPeers: true, excludeLinksFromLockfile: false },
    importers: {
      '.': {
        dependencies: {
          [manifest.name]: { specifier: input.tarball.file, version: `${input.tarball.file}${peers}` },
          ...entries(deps, (n) => peelPeers(deps[n]!)),
        },
        ...(input.devDependencies.length > 0
          ? { devDependencies: entries(devDeps, (n) => peelPeers(devDeps[n]!)) }
          : {}),
      },
    },
    packages: packages as Lockfile['packages'],
    snapshots: snapshots as Lockfile['snapshots'],
  };
  return {
    dependencies: { [manifest.name]: input.tarball.file, ...versionOnly(deps) },
    devDependencies: versionOnly(devDeps),
    lockfile: stringify(consumer, { lineWidth: 0 }),
  };
}
