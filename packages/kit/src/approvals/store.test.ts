import { describe, expect, it } from 'vitest';
import { approvalStoreCases, binding, request } from '../testing/approval-store-cases.ts';
import { createMemoryApprovalStore, newApprovalId } from './store.ts';

/** A store on a clock the test moves by hand. */
function setup(options: { maxRecords?: number } = {}) {
  const now = Date.parse('2030-01-01T00:00:00Z');
  return { store: createMemoryApprovalStore({ ...options, now: () => now }) };
}

describe('createMemoryApprovalStore', () => {
  approvalStoreCases(async (now) => createMemoryApprovalStore({ now }));

  it('stays bounded, dropping finished records before live ones', async () => {
    const { store } = setup({ maxRecords: 3 });
    const used = await store.create(request);
    await store.grant(used.id, { by: 'bob', via: 'cli' });
    await store.consume(binding);
    const live1 = await store.create(request);
    const live2 = await store.create(request);
    const live3 = await store.create(request); // drops the used one
    expect(await store.get(used.id)).toBeUndefined();
    expect((await store.list()).map((r) => r.id)).toEqual([live1.id, live2.id, live3.id]);
    const live4 = await store.create(request); // all live: the oldest goes
    expect((await store.list()).map((r) => r.id)).toEqual([live2.id, live3.id, live4.id]);
  });

  it('forgets an evicted granted approval entirely', async () => {
    const { store } = setup({ maxRecords: 1 });
    const first = await store.create(request);
    await store.grant(first.id, { by: 'bob', via: 'cli' });
    await store.create({ ...request, inputDigest: 'sha256:other' });
    expect(await store.consume(binding)).toBeUndefined();
  });
});

describe('newApprovalId', () => {
  it('carries 128 random bits in lowercase base32', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newApprovalId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^apr_[a-z2-7]{25}[aeimquy4]$/);
  });
});
