import { describe, expect, it } from 'vitest';
import { createRedactor, type RedactionCounts } from './index.ts';
import { fake } from './test-fixtures.ts';

const redactor = createRedactor();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

describe('redactValue', () => {
  it('redacts strings at any depth of objects and arrays', () => {
    const counts: RedactionCounts = {};
    const value = {
      issue: { title: 'Login broken', comments: [{ body: 'mail me at alice@example.com' }, { body: 'ok' }] },
      tags: ['billing', `leaked ${fake.stripe()}`],
      total: 3,
    };
    expect(redactor.redactValue(value, counts)).toEqual({
      issue: { title: 'Login broken', comments: [{ body: 'mail me at [REDACTED:email]' }, { body: 'ok' }] },
      tags: ['billing', 'leaked [REDACTED:stripe_key]'],
      total: 3,
    });
    expect(counts).toEqual({ email: 1, stripe_key: 1 });
  });

  it('replaces values under sensitive field names, whatever their type', () => {
    const counts: RedactionCounts = {};
    const out = redactor.redactValue(
      {
        password: 'hunter2',
        dbPassword: 'x',
        GITHUB_TOKEN: 'anything',
        'X-Api-Key': 'k',
        'Set-Cookie': ['a=b'],
        authorization: { scheme: 'Bearer', credentials: 'abc' },
        ssn: 123456789,
        credit_card: '4111 1111 1111 1111',
        client_secret: 's',
        session: { id: 'abc', user: 'alice' },
      },
      counts,
    );
    expect(Object.values(out).every((v) => v === '[REDACTED:field]')).toBe(true);
    expect(counts).toEqual({ field: 10 });
  });

  it('keeps values that cannot carry a secret under sensitive names, without counting them', () => {
    const counts: RedactionCounts = {};
    const value = { password: null, token: '', api_key: false, secret: undefined, refresh_token: true };
    expect(redactor.redactValue(value, counts)).toEqual(value);
    expect(counts).toEqual({});
  });

  it('keeps a value the server already masked, and redacts one that only looks similar', () => {
    const counts: RedactionCounts = {};
    const masked = { national_id: '[masked]', password: '[REDACTED:field]' };
    expect(redactor.redactValue(masked, counts)).toEqual(masked);
    expect(counts).toEqual({});
    expect(redactor.redactValue({ password: '[masked] hunter2' }, counts)).toEqual({
      password: '[REDACTED:field]',
    });
  });

  it('leaves look-alike field names alone', () => {
    const value = {
      tokens_used: 1200,
      token_count: 42,
      max_tokens: 4096,
      tokenType: 'Bearer',
      session_id: 'c0ffee',
      sessionId: 'c0ffee',
      nextPageToken: 'CiAKGjBpNDd2',
      NextToken: 'eyJ2IjoxfQ',
      password_policy: { min_length: 12 },
      secretName: 'db-credentials',
      possession: 'keys',
      keyboard: 'qwerty',
    };
    const counts: RedactionCounts = {};
    expect(redactor.redactValue(value, counts)).toEqual(value);
    expect(counts).toEqual({});
  });

  it('treats name/value pair lists (Kubernetes env, AWS tags) as the field they name', () => {
    const counts: RedactionCounts = {};
    expect(
      redactor.redactValue(
        {
          env: [
            { name: 'DB_PASSWORD', value: 'hunter2' },
            { name: 'LOG_LEVEL', value: 'info' },
          ],
          Tags: [{ Key: 'api_key', Value: 'abc' }],
        },
        counts,
      ),
    ).toEqual({
      env: [
        { name: 'DB_PASSWORD', value: '[REDACTED:field]' },
        { name: 'LOG_LEVEL', value: 'info' },
      ],
      Tags: [{ Key: 'api_key', Value: '[REDACTED:field]' }],
    });
    expect(counts).toEqual({ field: 2 });
  });

  it('treats each cell of a column-wise result as the field its column names', () => {
    const counts: RedactionCounts = {};
    expect(
      redactor.redactValue(
        {
          columns: ['id', 'api_token', 'note'],
          rows: [
            [1, 'x7Qp2LrT9w', 'ok'],
            [2, null, 'ok'],
          ],
          // Column objects, as HTTP SQL APIs (Trino, Databricks) return them, and rows under `data`.
          result: {
            columns: [{ name: 'ssn', type: 'varchar' }, { name: 'city' }],
            data: [[123456789, 'Oslo']],
          },
        },
        counts,
      ),
    ).toEqual({
      columns: ['id', 'api_token', 'note'],
      rows: [
        [1, '[REDACTED:field]', 'ok'],
        [2, null, 'ok'],
      ],
      result: {
        columns: [{ name: 'ssn', type: 'varchar' }, { name: 'city' }],
        data: [['[REDACTED:field]', 'Oslo']],
      },
    });
    expect(counts).toEqual({ field: 2 });
  });

  it('keeps a column-wise result without sensitive columns, and rows that are not arrays', () => {
    const value = {
      columns: ['id', 'note'],
      rows: [[1, 'ok']],
      other: { columns: ['password'], rows: 'n/a' },
    };
    expect(redactor.redactValue(value, {})).toEqual(value);
  });

  it('does not mutate its input and returns a deep copy even when nothing changed', () => {
    const input = deepFreeze({ a: { b: ['x', { c: 'alice@example.com' }] }, d: { e: 'plain' } });
    const snapshot = structuredClone(input);
    const out = redactor.redactValue(input, {});
    expect(input).toEqual(snapshot);
    expect(out).not.toBe(input);
    expect(out.d).not.toBe(input.d);
    expect(out.d).toEqual(input.d);
    expect(out.a.b[1]).toEqual({ c: '[REDACTED:email]' });
  });

  it('handles scalars, Dates, cycles and a __proto__ key safely', () => {
    expect(redactor.redactValue('alice@example.com', {})).toBe('[REDACTED:email]');
    expect(redactor.redactValue(42, {})).toBe(42);
    expect(redactor.redactValue(null, {})).toBe(null);
    expect(redactor.redactValue({ at: new Date('2024-03-15T10:22:33.000Z') }, {})).toEqual({
      at: '2024-03-15T10:22:33.000Z',
    });

    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(redactor.redactValue(cyclic, {})).toEqual({ name: 'loop', self: '[Circular]' });

    const parsed = JSON.parse('{"__proto__": {"polluted": "alice@example.com"}}') as Record<string, unknown>;
    const out = redactor.redactValue(parsed, {}) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({
      polluted: '[REDACTED:email]',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('walks values nested far deeper than the call stack allows (objects and arrays)', () => {
    let nested: unknown = 'mail alice@example.com';
    for (let i = 0; i < 100_000; i++) nested = i % 2 === 0 ? { next: nested } : [nested];
    const counts: RedactionCounts = {};
    let out = redactor.redactValue(nested, counts);
    for (let i = 99_999; i >= 0; i--)
      out = i % 2 === 0 ? (out as { next: unknown }).next : (out as unknown[])[0];
    expect(out).toBe('mail [REDACTED:email]');
    expect(counts).toEqual({ email: 1 });
  });

  it('redacts every entry of a Kubernetes Secret, keeping the other fields', () => {
    const counts: RedactionCounts = {};
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', labels: { data: 'not-a-secret' } },
      type: 'Opaque',
      data: { username: 'YWRtaW4=', url: 'cG9zdGdyZXM6Ly9kYg==' },
      stringData: { 'config.yaml': 'level: debug' },
    };
    expect(redactor.redactValue(secret, counts)).toEqual({
      ...secret,
      data: { username: '[REDACTED:field]', url: '[REDACTED:field]' },
      stringData: { 'config.yaml': '[REDACTED:field]' },
    });
    expect(counts).toEqual({ field: 3 });
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', data: { level: 'debug' } };
    expect(redactor.redactValue(configMap, {})).toEqual(configMap);
  });

  it('keeps holes of sparse arrays and cuts endless toJSON chains', () => {
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    const out = redactor.redactValue(sparse, {});
    expect(out).toHaveLength(3);
    expect(1 in out).toBe(false);
    const endless = { toJSON: () => endless2 };
    const endless2: { toJSON: () => unknown } = { toJSON: () => ({ toJSON: endless2.toJSON }) };
    expect(redactor.redactValue({ endless }, {})).toEqual({ endless: '[Circular]' });
  });

  it('keeps shared (non-cyclic) references working', () => {
    const shared = { email: 'bob@example.com' };
    expect(redactor.redactValue({ a: shared, b: shared }, {})).toEqual({
      a: { email: '[REDACTED:email]' },
      b: { email: '[REDACTED:email]' },
    });
  });
});
