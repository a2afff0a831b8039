import type { TestProject } from 'vitest/node';
import { buildImage, ensureBaseImage, ensurePostgresImage, podmanAvailable } from '../src/engine.ts';
import { cliImage, deployTargets, serverImage } from '../src/targets.ts';

// Built once per run and shared by every container test (the image, compose, CLI and podman kube play tests): the
// stand-ins for the base images (cached across runs: ~/.cache/gatehouse-deploy and podman's image store), the docs
// server's image, which stands for all (each server's comes from the same Dockerfile), the database server's (its
// demo lives in compose's PostgreSQL), and the CLI's.

declare module 'vitest' {
  export interface ProvidedContext {
    /** The docs server's image, built from the repository's Dockerfile; '' where podman is missing. */
    docsImage: string;
    /** The database server's image; '' where podman is missing. */
    databaseImage: string;
    /** The CLI's image (the migration Job's); '' where podman is missing. */
    cliImage: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  if (!podmanAvailable()) {
    process.stderr.write(
      'deploy container tests SKIPPED: podman is not installed here (.ci/run installs it: apt-get install podman buildah runc debootstrap podman-compose)\n',
    );
    for (const key of ['docsImage', 'databaseImage', 'cliImage'] as const) project.provide(key, '');
    return;
  }
  const server = (name: string) => {
    const found = deployTargets().find((t) => t.server === name);
    if (found === undefined) {
      throw new Error(`no ${name} server discovered under apps/: the container tests run its image`);
    }
    return serverImage(found);
  };
  await ensureBaseImage();
  await ensurePostgresImage();
  project.provide('docsImage', await buildImage(server('docs'), { pull: 'never' }));
  project.provide('databaseImage', await buildImage(server('database'), { pull: 'never' }));
  project.provide('cliImage', await buildImage(cliImage(), { pull: 'never' }));
}
