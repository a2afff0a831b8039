import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_SERVERS, REPOSITORY_ROOT } from './servers.ts';

describe('KNOWN_SERVERS', () => {
  it('are the packages that declare a server in their package.json, with entries relative to the root', () => {
    expect(KNOWN_SERVERS.find((s) => s.name === 'docs')).toEqual({
      name: 'docs',
      title: 'documentation',
      entry: 'apps/docs/src/main.ts',
      package: '@gatehouse/docs',
      port: 3103,
    });
    expect(KNOWN_SERVERS.find((s) => s.name === 'notes')?.entry).toBe('packages/kit/example/main.ts');
  });

  it('include every app: an app folder that does not declare itself would be missed by start and host-config', () => {
    const apps = readdirSync(join(REPOSITORY_ROOT, 'apps')).filter((name) =>
      existsSync(join(REPOSITORY_ROOT, 'apps', name, 'package.json')),
    );
    const served = KNOWN_SERVERS.map((s) => s.entry.split('/').slice(0, 2).join('/'));
    for (const app of apps) expect(served).toContain(`apps/${app}`);
  });
});
