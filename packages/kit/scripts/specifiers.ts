// Relative module specifiers in emitted files: what the build rewrites and what it refuses to ship.

// `from './x.ts'`, `import('./x.ts')`, `import './x.ts'` — relative only; a package name ending in .ts is left alone.
const RELATIVE_TS = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]*?)\.(m|c)?ts\2/g;

/** A declaration file with its relative `.ts`/`.mts`/`.cts` specifiers pointing at the emitted `.js`/`.mjs`/`.cjs`. */
export function rewriteDeclarationSpecifiers(text: string): string {
  return text.replace(RELATIVE_TS, (_all, lead: string, quote: string, path: string, kind = '') => {
    return `${lead}${quote}${path}.${kind}js${quote}`;
  });
}

/** The relative specifiers still naming a TypeScript source (nothing in dist/ has that name). */
export function relativeTsSpecifiers(text: string): string[] {
  return [...text.matchAll(RELATIVE_TS)].map((m) => `${m[3]}.${m[4] ?? ''}ts`);
}
