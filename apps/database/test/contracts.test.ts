import { fileURLToPath } from 'node:url';
import { checkContracts, checkInventory } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { demoDatabaseConfig } from '../src/config.ts';
import { Connections } from '../src/connections.ts';
import { databaseServer } from '../src/server.ts';

// Contracts do not depend on a live database: pools open lazily, and none is used here.
const definition = databaseServer(
  new Connections([demoDatabaseConfig('postgres://reader:unused@127.0.0.1:1/demo')]),
);

describe('database server contracts', () => {
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
