import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployTarget } from './targets.ts';
import { REPOSITORY_ROOT } from './targets.ts';

/**
 * The Kubernetes objects of one server, from one template for all: Deployment, Service, HorizontalPodAutoscaler,
 * PodDisruptionBudget and NetworkPolicy. Overlays (deploy/k8s/overlays) change replicas, resources, images and
 * egress; nothing here is written per server except its upstream egress (deploy/upstreams.json).
 */

export type Manifest = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
};

/** Labels every Gatehouse object carries; `gatehouse.dev/server` selects one server's pods. */
export function labels(target: DeployTarget): Record<string, string> {
  return {
    'app.kubernetes.io/name': `gatehouse-${target.server}`,
    'app.kubernetes.io/part-of': 'gatehouse',
    'app.kubernetes.io/component': 'mcp-server',
    'gatehouse.dev/server': target.server,
  };
}

/** The state store's pods (PostgreSQL for shared state) carry this label; see deploy/k8s/README.md. */
export const STATE_STORE_LABEL = { 'gatehouse.dev/state-store': 'true' } as const;
export const STATE_STORE_PORT = 5432;

interface Upstream {
  readonly to: 'internet' | 'cluster';
  readonly ports: readonly number[];
  readonly why: string;
}

/** deploy/upstreams.json: server name -> the upstreams its pods may reach. */
export function readUpstreams(root: string = REPOSITORY_ROOT): Record<string, readonly Upstream[]> {
  const parsed = JSON.parse(readFileSync(join(root, 'deploy', 'upstreams.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const { $comment: _, ...servers } = parsed;
  return servers as Record<string, readonly Upstream[]>;
}

/** Private and link-local ranges (the cloud metadata endpoint among them): never "the internet". */
export const NOT_INTERNET = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '100.64.0.0/10',
];

/** The kinds of object every server gets from serverManifests. */
export const SERVER_OBJECT_KINDS = [
  'Deployment',
  'Service',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'NetworkPolicy',
] as const;

export function serverManifests(target: DeployTarget, upstreams: readonly Upstream[] = []): Manifest[] {
  const name = `gatehouse-${target.server}`;
  const all = labels(target);
  const selector = { 'app.kubernetes.io/name': name, 'gatehouse.dev/server': target.server };
  const port = target.port;
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold,
  });
  const deployment: Manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: all },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: all,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(port),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          serviceAccountName: 'gatehouse',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          // Longer than the server's drain (20 s): calls under way finish and the audit is flushed.
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            fsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selector },
            },
          ],
          containers: [
            {
              name: 'server',
              // Tagged per environment in an overlay (kustomize edit set image); never the version here, so these
              // files change only when a server comes, goes or moves port.
              image: name,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
              env: [
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'GATEHOUSE_HOST', value: '0.0.0.0' },
                { name: 'GATEHOUSE_PORT', value: String(port) },
                // The names clients use (the Service), the pod's IP (probes, Prometheus) and loopback (HEALTHCHECK).
                {
                  name: 'GATEHOUSE_ALLOWED_HOSTS',
                  value: [
                    name,
                    `${name}.$(POD_NAMESPACE)`,
                    `${name}.$(POD_NAMESPACE).svc`,
                    `${name}.$(POD_NAMESPACE).svc.cluster.local`,
                    '$(POD_IP)',
                    '127.0.0.1',
                    'localhost',
                  ].join(','),
                },
                // The migration Job applies the schema before a rollout; a replica never migrates by itself.
                { name: 'GATEHOUSE_MIGRATE', value: 'off' },
              ],
              envFrom: [
                // Shared by every server: GATEHOUSE_DATABASE_URL, GATEHOUSE_API_KEYS, GATEHOUSE_SIGNING_KEY, ...
                { configMapRef: { name: 'gatehouse-shared' } },
                { secretRef: { name: 'gatehouse-shared' } },
                // This server's own settings and upstream credentials (GATEHOUSE_<SERVER>_*), when it has any.
                { secretRef: { name, optional: true } },
              ],
              startupProbe: probe('/healthz', 2, 30),
              livenessProbe: probe('/healthz', 10, 3),
              readinessProbe: probe('/readyz', 5, 2),
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { cpu: '1', memory: '512Mi' },
              },
              securityContext: {
                runAsNonRoot: true,
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
            },
          ],
        },
      },
    },
  };
  const service: Manifest = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: all },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }],
    },
  };
  const autoscaler: Manifest = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, labels: all },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
  };
  const disruption: Manifest = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, labels: all },
    spec: { minAvailable: 1, selector: { matchLabels: selector } },
  };
  const egress: Record<string, unknown>[] = [
    // DNS, from the cluster's resolver.
    {
      to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    },
    // The state store shared by the replicas (PostgreSQL).
    {
      to: [{ podSelector: { matchLabels: { ...STATE_STORE_LABEL } } }],
      ports: [{ protocol: 'TCP', port: STATE_STORE_PORT }],
    },
    ...upstreams.map((upstream) => ({
      to:
        upstream.to === 'internet'
          ? [{ ipBlock: { cidr: '0.0.0.0/0', except: NOT_INTERNET } }]
          : [{ namespaceSelector: {} }],
      ports: upstream.ports.map((p) => ({ protocol: 'TCP', port: p })),
    })),
  ];
  const network: Manifest = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, labels: all },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress', 'Egress'],
      // Clients in the cluster and the Prometheus scrape, on the server's port only.
      ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port }] }],
      egress,
    },
  };
  return [deployment, service, autoscaler, disruption, network];
}
