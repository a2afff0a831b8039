import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_SERVERS, REPOSITORY_ROOT } from '../servers.ts';
import { camelCase, defaultTitle, generateServer, nameProblem, nextPort } from './new-server.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-scaffold-'));
  dirs.push(dir);
  return dir;
};

describe('nameProblem', () => {
  it('accepts a new lowercase name', () => {
    expect(nameProblem(REPOSITORY_ROOT, 'tickets-x')).toBeUndefined();
  });

  it('refuses a malformed name, an existing app or server, and a taken package name', () => {
    expect(nameProblem(REPOSITORY_ROOT, 'Tickets')).toMatch(/^"Tickets": expected a lowercase name/);
    expect(nameProblem(REPOSITORY_ROOT, 'x')).toMatch(/expected a lowercase name/);
    expect(nameProblem(REPOSITORY_ROOT, 'api-')).toMatch(/expected a lowercase name/);
    expect(nameProblem(REPOSITORY_ROOT, 'docs')).toBe('apps/docs already exists');
    expect(nameProblem(REPOSITORY_ROOT, 'notes')).toBe('a server named notes already exists');
    expect(nameProblem(REPOSITORY_ROOT, 'cli')).toBe(
      'the package @gatehouse/cli already exists (packages/cli)',
    );
  });
});

describe('names', () => {
  it('derives the identifiers and the title from the name', () => {
    expect(camelCase('internal-api')).toBe('internalApi');
    expect(camelCase('logs')).toBe('logs');
    expect(defaultTitle('internal-api')).toBe('Internal api');
  });

  it('takes the port above the highest a server declares', () => {
    expect(nextPort(REPOSITORY_ROOT)).toBe(Math.max(...KNOWN_SERVERS.map((s) => s.port)) + 1);
  });
});

describe('generateServer', () => {
  it('writes the standard layout with every placeholder filled', () => {
    const target = join(scratch(), 'apps', 'internal-api');
    const files = generateServer(REPOSITORY_ROOT, { name: 'internal-api', port: 3190 }, target);
    expect(files).toEqual([
      'apps/internal-api/README.md',
      'apps/internal-api/package.json',
      'apps/internal-api/policy.default.yaml',
      'apps/internal-api/src/config.ts',
      'apps/internal-api/src/main.ts',
      'apps/internal-api/src/prompts.ts',
      'apps/internal-api/src/resources.ts',
      'apps/internal-api/src/server.ts',
      'apps/internal-api/src/setup.ts',
      'apps/internal-api/src/store.ts',
      'apps/internal-api/src/tools/items.test.ts',
      'apps/internal-api/src/tools/items.ts',
      'apps/internal-api/test/app.test.ts',
      'apps/internal-api/test/main.test.ts',
      'apps/internal-api/test/tokens.test.ts',
      'apps/internal-api/tsconfig.json',
      'apps/internal-api/vitest.config.ts',
    ]);
    for (const file of files) {
      const text = readFileSync(join(target, '..', '..', file), 'utf8');
      expect(text, file).not.toMatch(/__(?:[A-Za-z]+|version:\S+?)__/);
    }
    const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('@gatehouse/internal-api');
    expect(pkg.gatehouse).toEqual({ server: 'internal-api', port: 3190, entry: 'src/main.ts' });
    const kit = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'packages/kit/package.json'), 'utf8'));
    expect(pkg.dependencies.zod).toBe(kit.dependencies.zod);
    expect(readFileSync(join(target, 'src/main.ts'), 'utf8')).toContain('start: startInternalApi');
    expect(readFileSync(join(target, 'test/main.test.ts'), 'utf8')).toContain(
      'GATEHOUSE_INTERNAL_API_MAX_ITEMS',
    );
  });

  it('refuses a name that is taken, writing nothing', () => {
    const target = join(scratch(), 'apps', 'docs');
    expect(() => generateServer(REPOSITORY_ROOT, { name: 'docs' }, target)).toThrow(
      'apps/docs already exists',
    );
  });
});
