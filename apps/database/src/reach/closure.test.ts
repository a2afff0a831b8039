import { describe, expect, it } from 'vitest';
import { effectivePath, parseSearchPath } from './closure.ts';

describe('search paths', () => {
  it('searches pg_catalog first unless the path places it', () => {
    expect(effectivePath(['public'])).toEqual(['pg_catalog', 'public']);
    expect(effectivePath(['app', 'pg_catalog', 'public'])).toEqual(['app', 'pg_catalog', 'public']);
  });

  it('reads a function’s SET search_path as stored', () => {
    expect(parseSearchPath('"$user", public')).toEqual(['$user', 'public']);
    expect(parseSearchPath('pg_catalog, "My Schema"')).toEqual(['pg_catalog', 'My Schema']);
    expect(parseSearchPath('""')).toEqual(['']);
  });
});
