import { expect, it } from 'vitest';
import type { ApprovalStore } from '../approvals/store.ts';
import { ToolError } from '../errors.ts';

/**
 * The behaviour every ApprovalStore must have, as test cases: the memory store's tests and each shared store's
 * tests run these same cases. `makeStore` returns an empty store on the given clock.
 */
export function approvalStoreCases(makeStore: (now: () => number) => Promise<ApprovalStore>): void {
  /** A store on a clock the test moves by hand. */
  async function setup() {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const store = await makeStore(() => now);
    return {
      store,
      advance: (seconds: number) => {
        now += seconds * 1000;
      },
      now: () => now,
    };
  }

  it('creates pending records with an unguessable id and an expiry', async () => {
    const { store } = await setup();
    const record = await store.create(request);
    expect(record).toMatchObject({
      ...binding,
      target: request.target,
      summary: request.summary,
      status: 'pending',
      createdAt: '2030-01-01T00:00:00.000Z',
      expiresAt: '2030-01-01T00:01:00.000Z',
    });
    expect(record.id).toMatch(/^apr_[a-z2-7]{26}$/);
    expect((await store.create(request)).id).not.toBe(record.id);
    expect(await store.get(record.id)).toEqual(record);
  });

  it('grants, then consumes exactly once', async () => {
    const { store } = await setup();
    const { id } = await store.create(request);
    expect(await store.consume(binding)).toBeUndefined(); // still pending
    const granted = await store.grant(id, { by: 'bob', via: 'cli' });
    expect(granted).toMatchObject({
      status: 'granted',
      decidedBy: 'bob',
      decidedAt: '2030-01-01T00:00:00.000Z',
    });
    expect(await store.consume({ ...binding, inputDigest: 'sha256:other' })).toBeUndefined();
    expect(await store.consume(binding)).toMatchObject({ id, status: 'used' });
    expect(await store.consume(binding)).toBeUndefined();
    expect(await invalid(store.consume({ ...binding, id }))).toBe(
      `approval ${id} has already been used; each approval allows one call`,
    );
    expect((await store.get(id))?.status).toBe('used');
  });

  it('consumes by id only when the binding matches, and says what differs', async () => {
    const { store } = await setup();
    const { id } = await store.create(request);
    await store.grant(id, { by: 'bob', via: 'cli' });
    expect(await invalid(store.consume({ ...binding, id, actor: 'mallory' }))).toBe(
      `approval ${id} was requested by a different actor`,
    );
    expect(await invalid(store.consume({ ...binding, id, tool: 'drop_table' }))).toBe(
      `approval ${id} is for tool run_migration on server database, not drop_table on database`,
    );
    expect(await invalid(store.consume({ ...binding, id, inputDigest: 'sha256:bbb' }))).toMatch(
      /requested for different input/,
    );
    expect(await invalid(store.consume({ ...binding, id: 'apr_nope' }))).toMatch(/does not exist/);
    // The failed attempts did not use it up.
    expect(await store.consume({ ...binding, id })).toMatchObject({ id, status: 'used' });
  });

  it('refuses to consume by id a pending or denied approval', async () => {
    const { store } = await setup();
    const pending = await store.create(request);
    expect(await invalid(store.consume({ ...binding, id: pending.id }))).toMatch(/still pending/);
    await store.deny(pending.id, { by: 'bob', via: 'cli' }, 'not during business hours');
    expect(await invalid(store.consume({ ...binding, id: pending.id }))).toBe(
      `approval ${pending.id} was denied by bob: not during business hours`,
    );
  });

  it('expires pending and granted approvals', async () => {
    const { store, advance } = await setup();
    const pending = await store.create(request);
    const granted = await store.create(request);
    await store.grant(granted.id, { by: 'bob', via: 'cli' });
    advance(59);
    expect((await store.get(pending.id))?.status).toBe('pending');
    advance(1);
    expect((await store.get(pending.id))?.status).toBe('expired');
    expect((await store.get(granted.id))?.status).toBe('expired');
    expect(await store.consume(binding)).toBeUndefined();
    expect(await invalid(store.consume({ ...binding, id: granted.id }))).toMatch(
      /expired at 2030-01-01T00:01:00/,
    );
    expect(await invalid(store.grant(pending.id, { by: 'bob', via: 'cli' }))).toMatch(/expired/);
  });

  it('uses the `now` given to consume', async () => {
    const { store, now } = await setup();
    const { id } = await store.create(request);
    await store.grant(id, { by: 'bob', via: 'cli' });
    expect(await store.consume(binding, now() + 60_000)).toBeUndefined();
    expect(await store.consume(binding, now() + 59_999)).toMatchObject({ id });
  });

  it('grants only pending approvals', async () => {
    const { store } = await setup();
    const { id } = await store.create(request);
    await store.grant(id, { by: 'bob', via: 'cli' });
    expect(await invalid(store.grant(id, { by: 'carol', via: 'cli' }))).toBe(
      `approval ${id} was already granted by bob`,
    );
    const denied = await store.create(request);
    await store.deny(denied.id, { by: 'bob', via: 'cli' });
    expect(await invalid(store.grant(denied.id, { by: 'carol', via: 'cli' }))).toBe(
      `approval ${denied.id} was denied by bob`,
    );
    expect(await invalid(store.grant('apr_unknown', { by: 'carol', via: 'cli' }))).toMatch(/does not exist/);
  });

  it('lets a granted approval be revoked before it is used', async () => {
    const { store } = await setup();
    const { id } = await store.create(request);
    await store.grant(id, { by: 'bob', via: 'cli' });
    expect(await store.deny(id, { by: 'carol', via: 'cli' }, 'changed my mind')).toMatchObject({
      status: 'denied',
      decidedBy: 'carol',
      reason: 'changed my mind',
    });
    expect(await store.consume(binding)).toBeUndefined();
    expect(await invalid(store.deny(id, { by: 'carol', via: 'cli' }))).toMatch(/was denied/);
  });

  it('records who decided and through which channel', async () => {
    const { store } = await setup();
    const granted = await store.create(request);
    expect(await store.grant(granted.id, { by: 'bob', via: 'cli' })).toMatchObject({
      decidedBy: 'bob',
      decidedVia: 'cli',
    });
    const declined = await store.create(request);
    await store.deny(declined.id, { by: 'alice', via: 'elicitation' }, 'declined when asked');
    expect(await store.get(declined.id)).toMatchObject({
      status: 'denied',
      decidedBy: 'alice',
      decidedVia: 'elicitation',
      reason: 'declined when asked',
    });
    expect(await store.get((await store.create(request)).id)).not.toHaveProperty('decidedVia');
  });

  it('finds the request that still stands for a call: pending, or denied until it expires', async () => {
    const { store, advance, now } = await setup();
    expect(await store.current(binding)).toBeUndefined();
    const first = await store.create(request);
    await store.create({ ...request, inputDigest: 'sha256:other' });
    await store.create({ ...request, actor: 'mallory' });
    expect(await store.current(binding)).toMatchObject({ id: first.id, status: 'pending' });

    await store.deny(first.id, { by: 'bob', via: 'console' }, 'not on a Friday');
    advance(30);
    expect(await store.current(binding)).toMatchObject({
      id: first.id,
      status: 'denied',
      decidedBy: 'bob',
      reason: 'not on a Friday',
    });
    // A granted or used request is not standing in the way: the caller consumes a grant instead.
    const second = await store.create(request);
    expect((await store.current(binding))?.id).toBe(second.id); // the newest wins
    await store.grant(second.id, { by: 'bob', via: 'cli' });
    expect((await store.current(binding))?.id).toBe(first.id);
    // Once the denied request expires, nothing stands: a new call makes a new request.
    expect(await store.current(binding, now() + 30_000)).toBeUndefined();
    advance(30);
    expect(await store.current(binding)).toBeUndefined();
  });

  it('lists by status and actor, oldest first', async () => {
    const { store, advance } = await setup();
    const a = await store.create(request);
    const b = await store.create({ ...request, actor: 'dave' });
    const c = await store.create(request);
    await store.grant(c.id, { by: 'bob', via: 'cli' });
    expect((await store.list()).map((r) => r.id)).toEqual([a.id, b.id, c.id]);
    expect((await store.list({ status: 'pending' })).map((r) => r.id)).toEqual([a.id, b.id]);
    expect((await store.list({ status: 'pending', actor: 'alice' })).map((r) => r.id)).toEqual([a.id]);
    expect((await store.list({ status: 'granted' })).map((r) => r.id)).toEqual([c.id]);
    const d = await store.create(request);
    await store.deny(d.id, { by: 'bob', via: 'cli' }, 'not today');
    expect((await store.list({ status: 'denied' })).map((r) => r.id)).toEqual([d.id]);
    expect(await store.list({ status: 'denied', actor: 'dave' })).toEqual([]);
    advance(120);
    expect((await store.list({ status: 'expired' })).map((r) => r.id)).toEqual([a.id, b.id, c.id]);
  });

  it('refuses a request that could never be used (no positive TTL)', async () => {
    const { store } = await setup();
    for (const ttlSeconds of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(store.create({ ...request, ttlSeconds })).rejects.toThrow(RangeError);
    }
    expect(await store.list()).toEqual([]);
  });

  it('returns copies: changing a returned record does not change the store', async () => {
    const { store } = await setup();
    const record = await store.create(request);
    (record as { status: string }).status = 'granted';
    expect((await store.get(record.id))?.status).toBe('pending');
  });

  it('rejects a ttl that is not positive', async () => {
    const { store } = await setup();
    await expect(store.create({ ...request, ttlSeconds: 0 })).rejects.toThrow(/ttlSeconds/);
  });
}

export const request = {
  actor: 'alice',
  server: 'database',
  tool: 'run_migration',
  inputDigest: 'sha256:aaa',
  target: 'table:public.orders',
  summary: 'Add a column to public.orders',
  ttlSeconds: 60,
};
export const binding = {
  actor: 'alice',
  server: 'database',
  tool: 'run_migration',
  inputDigest: 'sha256:aaa',
};

async function invalid(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolError);
  expect((error as ToolError).code).toBe('approval_invalid');
  return (error as ToolError).message;
}
