import type { DeployTarget } from './targets.ts';

/**
 * deploy/compose.yaml for a laptop or a small team, from one template for every discovered server: each server is
 * its own service under its own profile (and the profile `all`), hardened as in Kubernetes (read-only root, no
 * capabilities, no privilege escalation, uid 1000) with a tmpfs /tmp for the embedded demos (the database's demo
 * cluster, the logs server's replayed example files). PostgreSQL for shared state is the profile `state`.
 */
export const POSTGRES_IMAGE = 'docker.io/library/postgres:17-bookworm';

export function composeFile(targets: readonly DeployTarget[]): Record<string, unknown> {
  const services: Record<string, unknown> = {
    postgres: {
      image: POSTGRES_IMAGE,
      profiles: ['state', 'all'],
      environment: {
        POSTGRES_USER: 'gatehouse',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolates it
        POSTGRES_PASSWORD: '${GATEHOUSE_POSTGRES_PASSWORD:-gatehouse-local}',
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
    services[target.server] = {
      image: `localhost/gatehouse-${target.server}:latest`,
      build: {
        context: '..',
        dockerfile: 'Dockerfile',
        args: {
          APP: target.app,
          SERVER: target.server,
          PORT: String(target.port),
          // The version and contracts labels: `pnpm --filter @gatehouse/deploy images` fills them in. Not here, so
          // this file changes only when a server comes, goes or moves port.
        },
      },
      profiles: [target.server, 'all'],
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
        // With the `state` profile: postgres://gatehouse:<password>@postgres:5432/gatehouse; unset: no shared state.
        'GATEHOUSE_DATABASE_URL',
        'GATEHOUSE_SIGNING_KEY',
        // The server's own settings and upstream credentials: a YAML file in deploy/config/ (see its README), e.g.
        // GATEHOUSE_LOGS_CONFIG=/config/logs.yaml; unset: the server's embedded defaults.
        `${target.settingsPrefix}CONFIG`,
      ],
      volumes: ['./config:/config:ro'],
    };
  }
  return { name: 'gatehouse', services, volumes: { 'gatehouse-postgres': {} } };
}
