import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { GENERATE_COMMAND, staleGenerated } from '../src/generate.ts';
import { NOT_INTERNET, SERVER_OBJECT_KINDS, STATE_STORE_LABEL, STATE_STORE_PORT } from '../src/kubernetes.ts';
import { CLI_PACKAGE, deployTargets, imageTargets, REPOSITORY_ROOT } from '../src/targets.ts';
import { validateObject } from '../src/validate.ts';

// The Kustomize tree as an operator uses it: every overlay rendered by `kubectl kustomize` (offline), every object
// checked against the Kubernetes schemas, and the hardening asserted on every Deployment of every overlay.

type K8sObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // biome-ignore lint/suspicious/noExplicitAny: rendered YAML, asserted field by field below
  spec?: any;
};

const kubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
if (!kubectl) {
  process.stderr.write(
    'deploy Kubernetes tests SKIPPED: kubectl is not installed here (it renders the overlays)\n',
  );
}

// podman: the trial with `podman kube play` (kube-play.test.ts runs it); it must stay a valid, hardened Kubernetes
// rendering too.
const OVERLAYS = ['dev', 'prod', 'team-docs', 'podman'] as const;
const targets = deployTargets();
const rendered = new Map<string, K8sObject[]>();

function render(overlay: string): K8sObject[] {
  const text = execFileSync('kubectl', ['kustomize', join(REPOSITORY_ROOT, 'deploy/k8s/overlays', overlay)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseAllDocuments(text).map((doc) => doc.toJS() as K8sObject);
}

const byKind = (objects: readonly K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);

describe('generated manifests', () => {
  it('are what the generator makes from discovery now', () => {
    const stale = staleGenerated();
    expect(stale, `out of date: run ${GENERATE_COMMAND}`).toEqual([]);
  });

  it('cover every server discovered under apps/', () => {
    expect(targets.map((t) => t.server)).toEqual(expect.arrayContaining(['database', 'docs', 'github']));
  });
});

describe.skipIf(!kubectl)('Kustomize overlays', () => {
  beforeAll(() => {
    for (const overlay of OVERLAYS) rendered.set(overlay, render(overlay));
  });

  it('give every discovered server its Deployment, Service, autoscaler, disruption budget and network policy', () => {
    for (const overlay of ['dev', 'prod']) {
      const objects = rendered.get(overlay)!;
      for (const target of targets) {
        const name = `gatehouse-${target.server}`;
        for (const kind of SERVER_OBJECT_KINDS) {
          expect(
            byKind(objects, kind).map((o) => o.metadata.name),
            `${overlay}: ${kind} ${name}`,
          ).toContain(name);
        }
      }
      expect(byKind(objects, 'Job').map((o) => o.metadata.name)).toEqual(['gatehouse-migrate']);
    }
    const team = rendered.get('team-docs')!;
    expect(byKind(team, 'Deployment').map((o) => o.metadata.name)).toEqual(['gatehouse-docs']);
  });

  it('validate against the Kubernetes schemas', async () => {
    for (const overlay of OVERLAYS) {
      for (const object of rendered.get(overlay)!) await validateObject(object);
    }
    // The check can fail: a wrong type is refused.
    const [deployment] = byKind(rendered.get('dev')!, 'Deployment');
    await expect(
      validateObject({ ...deployment!, spec: { ...deployment!.spec, replicas: 'two' } }),
    ).rejects.toThrow(/replicas must be integer/);
  });

  it('harden every pod: non-root, read-only root, no escalation, no capabilities, seccomp, resources', () => {
    for (const overlay of OVERLAYS) {
      const objects = rendered.get(overlay)!;
      const pods = [...byKind(objects, 'Deployment'), ...byKind(objects, 'Job')];
      expect(pods.length, overlay).toBeGreaterThan(0);
      for (const owner of pods) {
        const where = `${overlay}: ${owner.kind} ${owner.metadata.name}`;
        const pod = owner.spec.template.spec;
        expect(pod.automountServiceAccountToken, where).toBe(false);
        expect(pod.securityContext, where).toMatchObject({
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
        });
        for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
          expect(container.securityContext, where).toEqual({
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          });
          expect(container.resources.requests, where).toEqual({
            cpu: expect.any(String),
            memory: expect.any(String),
          });
          expect(container.resources.limits, where).toEqual({
            cpu: expect.any(String),
            memory: expect.any(String),
          });
          expect(JSON.stringify(container.env ?? []), `${where}: a secret in plain env`).not.toMatch(
            /TOKEN|PASSWORD|postgres:\/\//i,
          );
        }
      }
    }
  });

  it('probe /healthz and /readyz, are scraped by Prometheus, and drain before they are killed', () => {
    for (const overlay of OVERLAYS) {
      for (const deployment of byKind(rendered.get(overlay)!, 'Deployment')) {
        const where = `${overlay}: ${deployment.metadata.name}`;
        const pod = deployment.spec.template.spec;
        const [server] = pod.containers;
        const port = server.ports.find((p: { name: string }) => p.name === 'http').containerPort;
        expect(server.livenessProbe.httpGet, where).toEqual({ path: '/healthz', port: 'http' });
        expect(server.startupProbe.httpGet, where).toEqual({ path: '/healthz', port: 'http' });
        expect(server.readinessProbe.httpGet, where).toEqual({ path: '/readyz', port: 'http' });
        expect(deployment.spec.template.metadata.annotations, where).toMatchObject({
          'prometheus.io/scrape': 'true',
          'prometheus.io/port': String(port),
          'prometheus.io/path': '/metrics',
        });
        // The probes and the scrape come with the pod's IP as Host: the server must accept it.
        const env = Object.fromEntries(
          server.env.map((e: { name: string; value?: string }) => [e.name, e.value]),
        );
        expect(env.GATEHOUSE_ALLOWED_HOSTS.split(','), where).toEqual(
          expect.arrayContaining(['$(POD_IP)', '127.0.0.1']),
        );
        expect(env.GATEHOUSE_MIGRATE, where).toBe('off');
        expect(pod.terminationGracePeriodSeconds, where).toBeGreaterThan(20);
      }
    }
  });

  it('give every Deployment an autoscaler, a disruption budget, and a network policy that limits its egress', () => {
    for (const overlay of OVERLAYS) {
      const objects = rendered.get(overlay)!;
      for (const deployment of byKind(objects, 'Deployment')) {
        const where = `${overlay}: ${deployment.metadata.name}`;
        const podLabels = deployment.spec.template.metadata.labels as Record<string, string>;
        const selects = (selector: Record<string, string>) =>
          Object.entries(selector).every(([k, v]) => podLabels[k] === v);
        const hpa = byKind(objects, 'HorizontalPodAutoscaler').find(
          (h) => h.spec.scaleTargetRef.name === deployment.metadata.name,
        );
        expect(hpa, where).toBeDefined();
        expect(hpa!.spec.minReplicas, where).toBeLessThanOrEqual(hpa!.spec.maxReplicas);
        expect(
          byKind(objects, 'PodDisruptionBudget').some((p) => selects(p.spec.selector.matchLabels)),
          where,
        ).toBe(true);
        const policies = byKind(objects, 'NetworkPolicy').filter((p) =>
          selects(p.spec.podSelector.matchLabels),
        );
        expect(policies, where).toHaveLength(1);
        const policy = policies[0]!.spec;
        expect(policy.policyTypes, where).toEqual(['Ingress', 'Egress']);
        const port = deployment.spec.template.spec.containers[0].ports[0].containerPort;
        expect(policy.ingress, where).toEqual([
          { from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port }] },
        ]);
        const egress = JSON.stringify(policy.egress);
        expect(egress, `${where}: DNS`).toContain('"k8s-app":"kube-dns"');
        expect(policy.egress, `${where}: state store`).toContainEqual({
          to: [{ podSelector: { matchLabels: STATE_STORE_LABEL } }],
          ports: [{ protocol: 'TCP', port: STATE_STORE_PORT }],
        });
        for (const rule of policy.egress) {
          expect(rule.ports?.length, `${where}: egress on any port`).toBeGreaterThan(0);
          for (const peer of rule.to ?? []) {
            if (peer.ipBlock) expect(peer.ipBlock.except, `${where}: internet egress`).toEqual(NOT_INTERNET);
          }
        }
      }
    }
  });

  it('give the docs server, which has no upstream, no egress beyond DNS and the state store', () => {
    const docs = byKind(rendered.get('prod')!, 'NetworkPolicy').find(
      (p) => p.metadata.name === 'gatehouse-docs',
    )!;
    expect(docs.spec.egress).toHaveLength(2);
  });

  it("run the migration Job on the CLI's image, which the images script builds", () => {
    const cli = imageTargets().find((t) => t.stage === 'cli');
    expect(cli).toMatchObject({ name: 'cli', app: CLI_PACKAGE });
    for (const overlay of ['dev', 'prod']) {
      const [job] = byKind(rendered.get(overlay)!, 'Job');
      expect(job!.spec.template.spec.containers[0].image, overlay).toBe(`gatehouse-${cli!.name}`);
      expect(job!.spec.template.spec.containers[0].args, overlay).toEqual(['migrate']);
    }
  });

  it('keep secrets out of the repository in production, and scale it out', () => {
    const prod = rendered.get('prod')!;
    expect(byKind(prod, 'Secret')).toEqual([]);
    for (const deployment of byKind(prod, 'Deployment')) {
      expect(deployment.metadata.namespace).toBe('gatehouse');
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(3);
    }
    for (const pdb of byKind(prod, 'PodDisruptionBudget')) expect(pdb.spec.minAvailable).toBe(2);
  });
});
