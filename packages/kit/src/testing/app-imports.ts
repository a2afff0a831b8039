import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// An app stands on the kit's author entry only: the operator entry holds the approval store, the audit stores and
// the policy internals, and an app that could import them could grant its own approvals or bypass a step. The
// typecheck already refuses `@gatehouse/kit/operator` to an app (its tsconfig has no `gatehouse-operator`
// condition); this check also catches an app whose tsconfig was changed, and the SDK or kit sources imported
// directly.

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g;

/** Why an import in an app's file is not allowed, or undefined when it is. `test`: a test or test helper file. */
export function appImportProblem(specifier: string, test: boolean): string | undefined {
  // The compile cache entry only turns Node's compile cache on: the first import of an app's main.ts.
  if (specifier === '@gatehouse/kit' || specifier === '@gatehouse/kit/compile-cache') return undefined;
  if (specifier.startsWith('@gatehouse/kit/testing')) {
    return test ? undefined : 'the testing entry is for tests only';
  }
  if (specifier.startsWith('@gatehouse/kit/')) {
    return 'apps import only @gatehouse/kit (its compile-cache entry in main.ts, and @gatehouse/kit/testing in tests)';
  }
  if (specifier.startsWith('@modelcontextprotocol/') && !test) {
    return 'apps never import the MCP SDK: they register through the kit, so no pipeline step can be skipped';
  }
  if (specifier.startsWith('.') && /(^|\/)packages\/kit\/|(^|\/)kit\/src\//.test(specifier)) {
    return "apps never reach into the kit's sources";
  }
  return undefined;
}

/**
 * One line per forbidden import in the app's source folders (`file: 'specifier' — why`); by default its src/ and
 * test/. Files under a folder named `test`, and `*.test.ts` files, are tests.
 */
export function appImportProblems(appDir: string, folders: readonly string[] = ['src', 'test']): string[] {
  const problems: string[] = [];
  for (const folder of folders) {
    for (const file of typeScriptFiles(resolve(appDir, folder))) {
      const test = /(^|\/)test\//.test(relative(appDir, file)) || /\.test\.ts$/.test(file);
      for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        const specifier = match[2] as string;
        const why = appImportProblem(specifier, test);
        if (why) problems.push(`${relative(appDir, file)}: '${specifier}' — ${why}`);
      }
    }
  }
  return problems;
}

function typeScriptFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
