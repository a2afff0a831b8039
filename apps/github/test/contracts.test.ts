import { fileURLToPath } from 'node:url';
import { checkContracts, checkInventory } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { GitHubAccess } from '../src/access.ts';
import { TOOLSETS } from '../src/config.ts';
import { githubServer } from '../src/server.ts';

const definition = githubServer(GitHubAccess.missing(['not needed for contracts']), { toolsets: TOOLSETS });

describe('github server contracts', () => {
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
