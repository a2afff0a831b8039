import type { TestProject } from 'vitest/node';
import { buildImage, ensureBaseImage, ensurePostgresImage, podmanAvailable } from '../src/engine.ts';
import { cliImage, deployTargets, serverImage } from '../src/targets.ts';

// Built once per run and shared by every container test (the image, compose and podman kube play tests): the
// stand-ins for the base images (cached across runs: ~/.cache/gatehouse-deploy and podman's image store), the docs
// server's image, which stands for all (each server's comes from the same Dockerfile), and the CLI's.

declare module 'vitest' {
  export interface ProvidedContext {
    /** The docs server's image, built from the repository's Dockerfile; '' where podman is missing. */
    docsImage: string;
    /** The CLI's image (the migration Job's); '' where podman is missing. */
    cliImage: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  if (!podmanAvailable()) {
    process.stderr.write(
      'deploy container tests SKIPPED: podman is not installed here (.ci/run installs it: apt-get install podman buildah runc debootstrap podman-compose)\n',
    );
    project.provide('docsImage', '');
    project.provide('cliImage', '');
    return;
  }
  const docs = deployTargets().find((t) => t.server === 'docs');
  if (docs === undefined)
    throw new Error('no docs server discovered under apps/: the container tests run its image');
  await ensureBaseImage();
  await ensurePostgresImage();
  project.provide('docsImage', await buildImage(serverImage(docs), { pull: 'never' }));
  project.provide('cliImage', await buildImage(cliImage(), { pull: 'never' }));
}
