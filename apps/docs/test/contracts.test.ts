import { fileURLToPath } from 'node:url';
import { checkContracts, checkInventory } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { DocsLibrary } from '../src/library.ts';
import { docsServer } from '../src/server.ts';

const definition = docsServer(new DocsLibrary({ maxFileBytes: 1024 }), { staleAfterDays: 180 });

describe('docs server contracts', () => {
  it('holds every inventory invariant', () => {
    expect(checkInventory(definition)).toEqual([]);
  });

  it('matches its contract snapshots', async () => {
    const dir = fileURLToPath(new URL('../contracts', import.meta.url));
    expect(await checkContracts(definition, dir, { update: process.env.UPDATE_CONTRACTS === '1' })).toEqual(
      [],
    );
  });
});
