import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkContracts, checkInventory } from '../src/testing/index.ts';
import { notesServer } from './notes-server.ts';

const contractsDir = fileURLToPath(new URL('./contracts', import.meta.url));

describe('the example notes server', () => {
  it('holds every inventory invariant', () => {
    expect(checkInventory(notesServer())).toEqual([]);
  });

  it('matches its contract snapshots', async () => {
    expect(
      await checkContracts(notesServer(), contractsDir, { update: process.env.UPDATE_CONTRACTS === '1' }),
    ).toEqual([]);
  });
});
