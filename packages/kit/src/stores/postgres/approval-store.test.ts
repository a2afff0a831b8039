import { describe, expect, it } from 'vitest';
import { approvalStoreCases, binding, request } from '../../testing/approval-store-cases.ts';
import { createPostgresApprovalStore } from './approval-store.ts';
import { useMigratedReplicas } from './test-database.ts';

const replicas = useMigratedReplicas('approvals');

describe('createPostgresApprovalStore', () => {
  approvalStoreCases(async (now) => {
    await replicas.a.query('DELETE FROM gatehouse.approvals');
    return createPostgresApprovalStore(replicas.a, { now });
  });

  it('lets two replicas consume one grant exactly once, however many try at once', async () => {
    const a = createPostgresApprovalStore(replicas.a);
    const b = createPostgresApprovalStore(replicas.b);
    const { id } = await a.create({ ...request, inputDigest: 'sha256:race' });
    await b.grant(id, { by: 'bob', via: 'cli' });
    const race = { ...binding, inputDigest: 'sha256:race' };
    const attempts = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).consume(i % 4 < 2 ? race : { ...race, id })),
    );
    const used = attempts.filter((r) => r.status === 'fulfilled' && r.value !== undefined);
    expect(used).toHaveLength(1);
    // Every other attempt was told no: by id with the reason, without id by finding nothing.
    for (const r of attempts) {
      if (r.status === 'rejected') expect(String(r.reason)).toMatch(/has already been used/);
    }
    expect((await a.get(id))?.status).toBe('used');
  });

  it('hands out N grants for the same call to N concurrent consumers, one each', async () => {
    const a = createPostgresApprovalStore(replicas.a);
    const b = createPostgresApprovalStore(replicas.b);
    const same = { ...binding, inputDigest: 'sha256:many' };
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const { id } = await a.create({ ...request, inputDigest: 'sha256:many' });
      await a.grant(id, { by: 'bob', via: 'cli' });
      ids.push(id);
    }
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).consume(same)));
    const consumed = results.flatMap((r) => (r === undefined ? [] : [r.id]));
    expect(consumed.sort()).toEqual([...ids].sort());
  });

  it('lets only one of two replicas grant a pending approval', async () => {
    const a = createPostgresApprovalStore(replicas.a);
    const b = createPostgresApprovalStore(replicas.b);
    const { id } = await a.create(request);
    const results = await Promise.allSettled([
      a.grant(id, { by: 'bob', via: 'cli' }),
      b.grant(id, { by: 'carol', via: 'cli' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ decidedBy?: string }>).value.decidedBy;
    expect(String((lost[0] as PromiseRejectedResult).reason)).toContain(`already granted by ${winner}`);
  });
});
