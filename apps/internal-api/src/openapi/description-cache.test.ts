import { chmodSync, copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GITHUB_TWENTY } from '../../test/github-allowlist.ts';
import { InternalApiSettingsSchema } from '../config.ts';
import { loadServices } from '../services.ts';
import { wireOf } from './check-tool.ts';
import { type DescriptionCache, openDescriptionCache } from './description-cache.ts';

const SPEC = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
const temp = mkdtempSync(join(tmpdir(), 'gatehouse-description-cache-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The cache, counting the entries it hands out. */
function counting(cache: DescriptionCache) {
  const counted = { hits: 0, writes: 0 };
  const wrapped: DescriptionCache = {
    keyOf: (file, parts) => cache.keyOf(file, parts),
    read(key) {
      const entry = cache.read(key);
      if (entry) counted.hits++;
      return entry;
    },
    write(key, entry) {
      counted.writes++;
      cache.write(key, entry);
    },
  };
  return { cache: wrapped, counted };
}

describe('the description cache', () => {
  it("a second start on GitHub's description reads the cut document and builds the very same tools", async () => {
    const { cache, counted } = counting(openDescriptionCache(join(temp, 'github'))!);
    const settings = InternalApiSettingsSchema.parse({
      services: [{ name: 'github', spec: SPEC, baseUrl: 'https://api.github.com', ...GITHUB_TWENTY }],
    });
    const first = await loadServices(settings, { cache });
    expect(counted).toEqual({ hits: 0, writes: 1 });
    const [entry] = readdirSync(join(temp, 'github'));
    const second = await loadServices(settings, { cache });
    expect(counted).toEqual({ hits: 1, writes: 1 });
    const wires = (loaded: typeof first) => loaded.services[0]!.operations.map((o) => wireOf(o));
    expect(wires(second)).toHaveLength(20);
    expect(wires(second)).toEqual(wires(first));
    expect([...second.services[0]!.shared]).toEqual([...first.services[0]!.shared]);
    expect(second.notices).toEqual(first.notices);
    expect(second.boundaries).toEqual(first.boundaries);
    expect(entry).toMatch(/^[0-9a-f]{64}\.json$/);
  });

  it('misses when the document file, the allowlist or the size limit changes', () => {
    const cache = openDescriptionCache(join(temp, 'keys'))!;
    const file = join(temp, 'doc.json');
    writeFileSync(file, '{"openapi":"3.1.0","paths":{}}');
    const key = cache.keyOf(file, [['getPet'], 1024]);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cache.keyOf(file, [['getPet'], 1024])).toBe(key);
    expect(cache.keyOf(file, [['getPet', 'listPets'], 1024])).not.toBe(key);
    expect(cache.keyOf(file, [['getPet'], 2048])).not.toBe(key);
    writeFileSync(file, '{"openapi":"3.1.0","paths":{ }}');
    expect(cache.keyOf(file, [['getPet'], 1024])).not.toBe(key);
    copyFileSync(file, join(temp, 'same.json'));
    expect(cache.keyOf(join(temp, 'same.json'), [['getPet'], 1024])).not.toBe(
      cache.keyOf(file, [['getPet'], 1024]),
    );
    expect(cache.keyOf(join(temp, 'missing.json'), [])).toBeUndefined();
    const written = cache.keyOf(file, [])!;
    cache.write(written, {
      doc: { openapi: '3.1.0', paths: {} },
      shared: new Map([['owner', 'The owner.']]),
    });
    expect(cache.read(written)).toEqual({
      doc: { openapi: '3.1.0', paths: {} },
      shared: new Map([['owner', 'The owner.']]),
    });
    expect(cache.read(key!)).toBeUndefined();
  });

  it('is not used in a folder others may write to; keeps at most 32 entries', () => {
    const open = join(temp, 'open');
    openDescriptionCache(open);
    chmodSync(open, 0o777);
    expect(openDescriptionCache(open)).toBeUndefined();
    const dir = join(temp, 'many');
    const cache = openDescriptionCache(dir)!;
    for (let i = 0; i < 40; i++) cache.write(`${i}`.padStart(64, '0'), { doc: {}, shared: new Map() });
    expect(readdirSync(dir)).toHaveLength(32);
  });
});
