import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectHttpClient } from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { containerLogs, machineContainersEnv, podman } from '../src/engine.ts';
import { REPOSITORY_ROOT } from '../src/targets.ts';
import { auditLines, freePort, waitUntilReady } from './support.ts';

// One rendered Deployment run by `podman kube play`: deploy/k8s/overlays/podman rendered by `kubectl kustomize`
// (the trial overlay, which replaces only what podman 4.3 cannot do: see its kustomization.yaml), played with the
// docs image images.setup.ts built. The pod must serve MCP with the manifest's hardening applied by podman.

const image = inject('docsImage');
const kubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
if (image !== '' && !kubectl) {
  process.stderr.write(
    'deploy podman kube play test SKIPPED: kubectl is not installed (it renders the overlay)\n',
  );
}
/** The overlay's trial key (its kustomization.yaml names it; its hash is the only key the pod accepts). */
const TRIAL_KEY = 'gh_podman_trial_key_not_a_secret';

type Doc = Record<string, unknown> & {
  kind: string;
  metadata: { name: string };
  // biome-ignore lint/suspicious/noExplicitAny: rendered YAML, read field by field below
  spec?: any;
};

// The pod's name and host port are this run's own, so runs side by side (two worktrees' suites) never collide.
const deployment = `gatehouse-docs-play-${process.pid}`;
const container = `${deployment}-pod-0-server`;
const env = machineContainersEnv();
let file: string;
let url: string;
const logs = () => containerLogs(container).catch((e: Error) => e.message);

describe.skipIf(image === '' || !kubectl)('podman kube play of a rendered Deployment', () => {
  beforeAll(async () => {
    const rendered = execFileSync(
      'kubectl',
      ['kustomize', join(REPOSITORY_ROOT, 'deploy/k8s/overlays/podman')],
      {
        encoding: 'utf8',
      },
    );
    const docs = parseAllDocuments(rendered).map((doc) => doc.toJS() as Doc);
    const port = await freePort();
    for (const doc of docs) {
      if (doc.kind !== 'Deployment') continue;
      doc.metadata.name = deployment;
      const [server] = doc.spec.template.spec.containers;
      expect(server.image).toBe('gatehouse-docs');
      server.ports[0].hostPort = port;
    }
    file = join(mkdtempSync(join(tmpdir(), 'gatehouse-kube-play-')), 'docs.yaml');
    writeFileSync(file, docs.map((doc) => stringify(doc)).join('---\n'));
    await podman(['kube', 'play', file], { env });
    url = `http://127.0.0.1:${port}`;
    await waitUntilReady(url, logs);
  });

  afterAll(async () => {
    if (file !== undefined) await podman(['kube', 'down', file], { env }).catch(() => undefined);
  });

  it('serves a tool call with the overlay key, and audits it', async () => {
    const client = await connectHttpClient(`${url}/mcp`, TRIAL_KEY);
    const listed = await client.callTool({ name: 'list_docs', arguments: {} });
    expect(listed.isError).toBeFalsy();
    expect(JSON.stringify(listed.structuredContent)).toContain('handbook');
    await client.close();
    expect(auditLines(await logs())).toContainEqual(
      expect.objectContaining({
        actor: 'podman-trial',
        name: 'list_docs',
        decision: 'allowed',
        outcome: 'ok',
      }),
    );
  });

  it("runs with the manifest's security context: uid 1000, no capabilities, read-only root", async () => {
    const status = await podman(['exec', container, 'sh', '-c', 'id -u; grep CapEff /proc/1/status']);
    expect(status).toMatch(/^1000\nCapEff:\s+0+$/);
    await expect(podman(['exec', container, 'touch', '/app/written'])).rejects.toThrow(
      /Read-only file system/,
    );
    const [inspected] = JSON.parse(await podman(['inspect', container]));
    expect(inspected.HostConfig.ReadonlyRootfs).toBe(true);
    expect(inspected.HostConfig.SecurityOpt).toEqual(expect.arrayContaining(['no-new-privileges']));
  });
});
