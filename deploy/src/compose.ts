import type { DeployTarget } from './targets.ts';

/**
 * deploy/compose.yaml for a laptop or a small team, from one template for every discovered server: each server is
 * its own service under its own profile (and the profile `all`), hardened as in Kubernetes (read-only root, no
 * capabilities, no privilege escalation, uid 1000) with a tmpfs /tmp for the embedded demos (the logs server's
 * replayed example files). PostgreSQL (the official image's major version Debian bookworm ships, so the local
 * stand-in deploy/image/postgres-stand-in.sh builds it from Debian's packages) holds the shared state under the
 * profile `state`, and the demo databases of the servers below.
 */
export const POSTGRES_IMAGE = 'docker.io/library/postgres:15-bookworm';

/** The superuser of the compose PostgreSQL; its password comes from GATEHOUSE_POSTGRES_PASSWORD (deploy/.env). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolates it
const POSTGRES_PASSWORD = '${GATEHOUSE_POSTGRES_PASSWORD:-gatehouse-local}';
export const POSTGRES_SUPERUSER_URL = `postgres://gatehouse:${POSTGRES_PASSWORD}@postgres:5432/gatehouse`;

/**
 * Servers whose embedded demo lives in a PostgreSQL cluster given by a superuser URL (the setting named here): in
 * compose that cluster is the postgres service, which comes up with the server's profile. The database server makes
 * its demo database and read-only role there anew at each start (as under `pnpm start`), instead of running a
 * PostgreSQL of its own inside its container.
 */
export const DEMO_CLUSTER_SETTING: Readonly<Record<string, string>> = {
  database: 'GATEHOUSE_EMBEDDED_POSTGRES_URL',
};

export function composeFile(targets: readonly DeployTarget[]): Record<string, unknown> {
  const services: Record<string, unknown> = {
    postgres: {
      image: POSTGRES_IMAGE,
      profiles: [
        'state',
        ...targets.filter((t) => DEMO_CLUSTER_SETTING[t.server] !== undefined).map((t) => t.server),
        'all',
      ],
      environment: {
        POSTGRES_USER: 'gatehouse',
        POSTGRES_PASSWORD,
        POSTGRES_DB: 'gatehouse',
      },
      volumes: ['gatehouse-postgres:/var/lib/postgresql/data'],
      healthcheck: {
        test: ['CMD', 'pg_isready', '-U', 'gatehouse', '-d', 'gatehouse'],
        interval: '5s',
        timeout: '3s',
        retries: 10,
      },
    },
  };
  for (const target of targets) {
    const hostPort = `${target.settingsPrefix}HOST_PORT`;
    const demoCluster = DEMO_CLUSTER_SETTING[target.server];
    services[target.server] = {
      image: `localhost/gatehouse-${target.server}:latest`,
      build: {
        context: '..',
        dockerfile: 'Dockerfile',
        target: 'server',
        args: {
          APP: target.app,
          NAME: target.server,
          SERVER: target.server,
          PORT: String(target.port),
          // The version and contracts labels: `pnpm --filter @gatehouse/deploy images` fills them in. Not here, so
          // this file changes only when a server comes, goes or moves port.
        },
      },
      profiles: [target.server, 'all'],
      // A server that starts before the state store is up stops (it cannot prepare its database); it is started
      // again until PostgreSQL answers.
      restart: 'on-failure:10',
      ...(demoCluster === undefined ? {} : { depends_on: { postgres: { condition: 'service_healthy' } } }),
      user: '1000:1000',
      read_only: true,
      cap_drop: ['ALL'],
      security_opt: ['no-new-privileges:true'],
      tmpfs: ['/tmp'],
      ports: [`127.0.0.1:\${${hostPort}:-${target.port}}:${target.port}`],
      // NAME=value, or a bare NAME taken from the environment or deploy/.env when set there (no empty defaults:
      // podman-compose 1.0 leaves `${NAME:-}` unexpanded).
      environment: [
        // Hashes from `./gatehouse keys create`, as a JSON array (never the keys themselves).
        // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolates it
        'GATEHOUSE_API_KEYS=${GATEHOUSE_API_KEYS:?set GATEHOUSE_API_KEYS in deploy/.env (./gatehouse keys create)}',
        `GATEHOUSE_ALLOWED_HOSTS=localhost,127.0.0.1,${target.server}`,
        // With the `state` profile: postgres://gatehouse:gatehouse-local@postgres:5432/gatehouse (the password is
        // GATEHOUSE_POSTGRES_PASSWORD's); unset: no shared state.
        'GATEHOUSE_DATABASE_URL',
        'GATEHOUSE_SIGNING_KEY',
        // The server's own settings and upstream credentials: a YAML file in deploy/config/ (see its README), e.g.
        // GATEHOUSE_LOGS_CONFIG=/config/logs.yaml; unset: the server's embedded defaults.
        `${target.settingsPrefix}CONFIG`,
        ...(demoCluster === undefined ? [] : [`${demoCluster}=${POSTGRES_SUPERUSER_URL}`]),
      ],
      volumes: ['./config:/config:ro'],
    };
  }
  return { name: 'gatehouse', services, volumes: { 'gatehouse-postgres': {} } };
}
