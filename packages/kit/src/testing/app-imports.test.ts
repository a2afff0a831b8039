import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appImportProblem, appImportProblems } from './app-imports.ts';

describe('appImportProblem', () => {
  it('allows the author entry everywhere and the testing entries in tests only', () => {
    expect(appImportProblem('@gatehouse/kit', false)).toBeUndefined();
    expect(appImportProblem('@gatehouse/kit/testing', true)).toBeUndefined();
    expect(appImportProblem('@gatehouse/kit/testing/app', true)).toBeUndefined();
    expect(appImportProblem('@gatehouse/kit/testing', false)).toMatch(/tests only/);
    expect(appImportProblem('@gatehouse/kit/compile-cache', false)).toBeUndefined();
  });

  it('refuses the operator entry, kit sources and the SDK outside tests', () => {
    expect(appImportProblem('@gatehouse/kit/operator', true)).toMatch(/only @gatehouse\/kit/);
    expect(appImportProblem('../../../packages/kit/src/approvals/store.ts', true)).toMatch(/sources/);
    expect(appImportProblem('@modelcontextprotocol/server', false)).toMatch(/MCP SDK/);
    expect(appImportProblem('@modelcontextprotocol/client', true)).toBeUndefined();
    expect(appImportProblem('./tools/items.ts', false)).toBeUndefined();
    expect(appImportProblem('zod', false)).toBeUndefined();
  });
});

describe('appImportProblems', () => {
  it('names each file and specifier that is not allowed', () => {
    const app = mkdtempSync(join(tmpdir(), 'gatehouse-app-imports-'));
    mkdirSync(join(app, 'src', 'tools'), { recursive: true });
    mkdirSync(join(app, 'test'));
    writeFileSync(join(app, 'src', 'main.ts'), "import { runServer } from '@gatehouse/kit';\n");
    writeFileSync(
      join(app, 'src', 'tools', 'grant.ts'),
      "import { createMemoryApprovalStore } from '@gatehouse/kit/operator';\n",
    );
    writeFileSync(
      join(app, 'src', 'tools', 'grant.test.ts'),
      "import { textOf } from '@gatehouse/kit/testing';\n",
    );
    writeFileSync(
      join(app, 'test', 'fixtures.ts'),
      "export { parsePolicy } from '@gatehouse/kit/testing';\n",
    );
    expect(appImportProblems(app)).toEqual([
      "src/tools/grant.ts: '@gatehouse/kit/operator' — apps import only @gatehouse/kit (its compile-cache entry in main.ts, and @gatehouse/kit/testing in tests)",
    ]);
  });
});
