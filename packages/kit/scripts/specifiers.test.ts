import { describe, expect, it } from 'vitest';
import { relativeTsSpecifiers, rewriteDeclarationSpecifiers } from './specifiers.ts';

describe('declaration specifiers', () => {
  it('points relative .ts/.mts/.cts specifiers at the emitted JavaScript, in every import form', () => {
    const text = [
      "export { a } from './a.ts';",
      "export * from '../b/c.ts';",
      'import type { D } from "./d.mts";',
      "export type E = import('./e.cts').E;",
      "import './side.ts';",
    ].join('\n');
    expect(rewriteDeclarationSpecifiers(text)).toBe(
      [
        "export { a } from './a.js';",
        "export * from '../b/c.js';",
        'import type { D } from "./d.mjs";',
        "export type E = import('./e.cjs').E;",
        "import './side.js';",
      ].join('\n'),
    );
    expect(relativeTsSpecifiers(text)).toEqual(['./a.ts', '../b/c.ts', './d.mts', './e.cts', './side.ts']);
  });

  it('leaves package specifiers, .d.ts-free JavaScript and strings that are not imports alone', () => {
    const text = [
      "import { z } from 'zod';",
      "import { x } from 'some-lib/file.ts';",
      "export declare const path = './not-an-import.ts';",
      "export { f } from './f.js';",
    ].join('\n');
    expect(rewriteDeclarationSpecifiers(text)).toBe(text);
    expect(relativeTsSpecifiers(text)).toEqual([]);
  });
});
