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
    const target = join(scratch(), 'apps', 'order-desk');
    const files = generateServer(REPOSITORY_ROOT, { name: 'order-desk', port: 3190 }, target);
    expect(files).toEqual([
      'apps/order-desk/README.md',
      'apps/order-desk/package.json',
      'apps/order-desk/policy.default.yaml',
      'apps/order-desk/src/config.ts',
      'apps/order-desk/src/main.ts',
      'apps/order-desk/src/prompts.ts',
      'apps/order-desk/src/resources.ts',
      'apps/order-desk/src/server.ts',
      'apps/order-desk/src/setup.ts',
      'apps/order-desk/src/store.ts',
      'apps/order-desk/src/tools/items.test.ts',
      'apps/order-desk/src/tools/items.ts',
      'apps/order-desk/test/app.test.ts',
      'apps/order-desk/test/main.test.ts',
      'apps/order-desk/test/tokens.test.ts',
      'apps/order-desk/tsconfig.json',
      'apps/order-desk/vitest.config.ts',
    ]);
    for (const file of files) {
      const text = readFileSync(join(target, '..', '..', file), 'utf8');
      expect(text, file).not.toMatch(/__(?:[A-Za-z]+|version:\S+?)__/);
    }
    const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('@gatehouse/order-desk');
    expect(pkg.gatehouse).toEqual({ server: 'order-desk', port: 3190, entry: 'src/main.ts' });
    const kit = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'packages/kit/package.json'), 'utf8'));
    expect(pkg.dependencies.zod).toBe(kit.dependencies.zod);
    expect(readFileSync(join(target, 'src/main.ts'), 'utf8')).toContain('start: startOrderDesk');
    expect(readFileSync(join(target, 'test/main.test.ts'), 'utf8')).toContain(
      'GATEHOUSE_ORDER_DESK_MAX_ITEMS',
    );
  });

  it('refuses a name that is taken, writing nothing', () => {
    const target = join(scratch(), 'apps', 'docs');
    expect(() => generateServer(REPOSITORY_ROOT, { name: 'docs' }, target)).toThrow(
      'apps/docs already exists',
    );
  });
});
