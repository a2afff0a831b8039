import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PINNED } from './entries.pinned.ts';

// The names of every package.json entry are pinned in entries.pinned.ts; this checks the sources say the same.

const KIT = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(KIT, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | Record<string, string | null>>;
  publishConfig: { exports: Record<string, string | Record<string, string | null>> };
};
type Target = string | null | Record<string, string | null>;

/** The source file an entry resolves to at run time (the `default` target of a conditional export). */
function entryFile(target: string | Record<string, string | null>): string {
  const file = typeof target === 'string' ? target : target.default;
  if (!file) throw new Error(`export target without a default: ${JSON.stringify(target)}`);
  return join(KIT, file);
}

/** Names an entry file exports, values and types, read from its `export … from` lines (biome keeps them one form). */
function declaredNames(file: string): { all: string[]; types: Set<string> } {
  const source = readFileSync(file, 'utf8');
  const all: string[] = [];
  const types = new Set<string>();
  // `export * from` re-exports every name of that file (read the same way).
  for (const [, target] of source.matchAll(/^export\s+\*\s+from\s+'([^']+)'/gm)) {
    const inner = declaredNames(join(dirname(file), target as string));
    all.push(...inner.all);
    for (const name of inner.types) types.add(name);
  }
  for (const match of source.matchAll(
    /^export\s+(type\s+)?(?:\{([^}]*)\}\s+from|(?:async\s+)?(function|interface|const|class|type)\s+(\w+))/gm,
  )) {
    const [, typeOnly, list, kind, single] = match;
    if (single) {
      all.push(single);
      if (kind === 'interface' || kind === 'type') types.add(single);
      continue;
    }
    for (const item of (list ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const isType = Boolean(typeOnly) || item.startsWith('type ');
      const name = item
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop()!
        .trim();
      all.push(name);
      if (isType) types.add(name);
    }
  }
  return { all: [...new Set(all)].sort(), types };
}

function drift(entry: string, actual: readonly string[]): string {
  const pinned = new Set(PINNED[entry]);
  const now = new Set(actual);
  const added = actual.filter((n) => !pinned.has(n));
  const removed = [...pinned].filter((n) => !now.has(n));
  const label = entry === '.' ? manifest.name : `${manifest.name}${entry.slice(1)}`;
  return [
    `${label} exports changed:`,
    ...added.map((n) => `  + ${n} (new public name)`),
    ...removed.map((n) => `  - ${n} (removed: breaks every server that imports it)`),
    `If this is deliberate, update PINNED['${entry}'] in packages/kit/src/entries.pinned.ts and the kit README.`,
  ].join('\n');
}

describe('public entries', () => {
  it('has a pinned name list for every entry in package.json, and no list for an entry that is gone', () => {
    expect(Object.keys(manifest.exports).sort()).toEqual(Object.keys(PINNED).sort());
  });

  it('publishes every entry from dist/ under the same conditions, and builds every entry file', () => {
    // `pnpm pack` swaps `exports` for publishConfig.exports (the built files): the two maps must say the same.
    const file = (path: string | null) =>
      path?.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '.js') ?? null;
    const built = (target: Target): Target =>
      typeof target === 'string' || target === null
        ? file(target)
        : Object.fromEntries(Object.entries(target).map(([k, v]) => [k, file(v)]));
    expect(manifest.publishConfig.exports).toEqual(
      Object.fromEntries(Object.entries(manifest.exports).map(([entry, target]) => [entry, built(target)])),
    );
    // tsconfig.build.json emits what its `files` reach: every entry's source must be one of them.
    const build = JSON.parse(
      readFileSync(join(KIT, 'tsconfig.build.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''),
    ) as { files: string[] };
    const sources = Object.values(manifest.exports).map((t) => entryFile(t).slice(KIT.length + 1));
    expect([...build.files].sort()).toEqual([...new Set(sources)].sort());
  });

  for (const entry of Object.keys(PINNED)) {
    it(`${entry} exports exactly its pinned names`, async () => {
      const file = entryFile(manifest.exports[entry]!);
      const { all, types } = declaredNames(file);
      if (all.join() !== [...PINNED[entry]!].sort().join()) expect.fail(drift(entry, all));
      // The parsed list must agree with what the module really exports at run time (nothing re-exported by `*`).
      const runtime = Object.keys(await import(file)).sort();
      expect(runtime).toEqual(all.filter((n) => !types.has(n) || runtime.includes(n)));
    });
  }

  it('keeps the author entry small', () => {
    expect(PINNED['.']!.length).toBeLessThanOrEqual(25);
  });
});
