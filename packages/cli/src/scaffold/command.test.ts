import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staleGenerated } from '@gatehouse/deploy/generate';
import { SERVER_OBJECT_KINDS } from '@gatehouse/deploy/kubernetes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../servers.ts';
import { newServerCommand } from './command.ts';

// `pnpm new-server` (--no-install, so no pnpm run) in a copy of the workspace's frame: besides apps/<name>, the new
// server gets its container entries at once — its compose service and its Kubernetes objects — from the same
// generator the deploy tests hold the committed files to.
let root: string;
const out: string[] = [];
const err: string[] = [];
let code: number;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'gatehouse-new-server-command-'));
  for (const file of [
    'biome.json',
    'packages/kit/package.json',
    'apps/docs/package.json',
    'deploy/upstreams.json',
  ]) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    copyFileSync(join(REPOSITORY_ROOT, file), join(root, file));
  }
  // The workspace's Biome formats the new app.
  symlinkSync(join(REPOSITORY_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  code = newServerCommand(['order-desk', '--port', '3190', '--no-install'], root, {
    out: (line) => out.push(line) > 0,
    err: (line) => err.push(line) > 0,
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pnpm new-server', () => {
  it("writes the new server's compose service and Kubernetes objects beside the existing servers'", () => {
    expect(code, err.join('\n')).toBe(0);
    const compose = readFileSync(join(root, 'deploy/compose.yaml'), 'utf8');
    expect(compose).toContain('  order-desk:\n    image: localhost/gatehouse-order-desk:latest\n');
    expect(compose).toContain('APP: apps/order-desk');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own interpolation, as written in the file
    expect(compose).toContain('127.0.0.1:${GATEHOUSE_ORDER_DESK_HOST_PORT:-3190}:3190');
    expect(compose).toContain('  docs:\n    image: localhost/gatehouse-docs:latest\n');

    const objects = readFileSync(join(root, 'deploy/k8s/servers/order-desk/server.yaml'), 'utf8');
    for (const kind of SERVER_OBJECT_KINDS) {
      expect(objects).toContain(`kind: ${kind}\nmetadata:\n  name: gatehouse-order-desk\n`);
    }
    expect(objects).toContain('containerPort: 3190');
    const base = readFileSync(join(root, 'deploy/k8s/base/kustomization.yaml'), 'utf8');
    expect(base).toContain('  - ../servers/docs\n  - ../servers/order-desk\n');
  });

  it('leaves nothing for the deploy tests to call stale, and says what it wrote', () => {
    expect(staleGenerated(root)).toEqual([]);
    const said = out.join('\n');
    expect(said).toContain('deploy/compose.yaml');
    expect(said).toContain('deploy/k8s/servers/order-desk/server.yaml');
  });
});
