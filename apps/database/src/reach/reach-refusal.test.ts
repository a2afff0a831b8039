import { describe, expect, it } from 'vitest';
import type { Reach, ReachedFunction } from './closure.ts';
import { functionRefusal, reachRefusal } from './reach-refusal.ts';

const trustNothing = { allowFunction: () => false };

const builtin = (name: string, volatility: 'i' | 's' | 'v', via?: string): ReachedFunction => ({
  oid: 1,
  schema: 'pg_catalog',
  name,
  language: 'internal',
  volatility,
  via,
  stored: via !== undefined,
});

const reach = (parts: Partial<Reach>): Reach => ({
  relations: [],
  functions: [],
  probes: [],
  settings: [],
  masked: new Map(),
  maskedNames: new Set(),
  maskedBodyColumns: [],
  fingerprint: {
    relationNames: [],
    functionNames: [],
    operatorNames: [],
    schemaNames: [],
    schemaOids: [],
    relationOids: [],
    functionOids: [],
  },
  ...parts,
});

describe('functionRefusal', () => {
  it('accepts immutable and stable built-ins, the size functions and the harmless volatile ones', () => {
    for (const fn of [
      builtin('lower', 'i'),
      builtin('now', 's'),
      builtin('pg_total_relation_size', 'v'),
      builtin('pg_database_size', 'v'),
      builtin('random', 'v'),
      builtin('clock_timestamp', 'v'),
      builtin('timeofday', 'v'),
      builtin('gen_random_uuid', 'v'),
    ]) {
      expect(functionRefusal(fn, trustNothing), fn.name).toBeUndefined();
    }
  });

  it('refuses other volatile built-ins without claiming they change data', () => {
    const refusal = functionRefusal(builtin('setseed', 'v'), trustNothing);
    expect(refusal?.code).toBe('sql_function_denied');
    expect(refusal?.reason).toContain('setseed()');
    expect(refusal?.reason).toContain('random()');
    expect(refusal?.reason).not.toMatch(/change data/);
  });

  it('refuses denied functions wherever they are called from, naming the way there', () => {
    expect(functionRefusal(builtin('pg_cancel_backend', 's', 'view public.killer'), trustNothing)).toEqual({
      code: 'sql_function_denied',
      reason:
        'the statement calls pg_cancel_backend() through view public.killer, which is denied (it is a server administration function)',
    });
    // Trust never lifts the deny-list.
    expect(functionRefusal(builtin('pg_notify', 's'), { allowFunction: () => true })?.code).toBe(
      'sql_function_denied',
    );
  });

  it('refuses a function in a language it cannot read, unless trusted; SQL functions are read instead', () => {
    const plpgsql = { ...builtin('tenant_total', 's'), schema: 'app', language: 'plpgsql' };
    expect(functionRefusal(plpgsql, trustNothing)?.code).toBe('sql_function_unresolvable');
    expect(
      functionRefusal(plpgsql, { allowFunction: (s, n) => s === 'app' && n === 'tenant_total' }),
    ).toBeUndefined();
    expect(functionRefusal({ ...plpgsql, language: 'sql', volatility: 'v' }, trustNothing)).toBeUndefined();
  });
});

describe('reachRefusal', () => {
  it('refuses a secret catalog reached through a view', () => {
    const refusal = reachRefusal(
      reach({
        relations: [{ oid: 1, schema: 'pg_catalog', name: 'pg_authid', kind: 'r', via: 'view public.v' }],
      }),
      trustNothing,
    );
    expect(refusal).toEqual({
      code: 'sql_system_catalog',
      reason:
        'the statement reads pg_catalog.pg_authid through view public.v, which holds role password hashes',
    });
  });

  it('refuses current_setting() in a view unless SHOW may reveal the setting', () => {
    expect(
      reachRefusal(reach({ settings: [{ setting: 'TimeZone', via: 'view public.z' }] }), trustNothing),
    ).toBe(undefined);
    expect(
      reachRefusal(reach({ settings: [{ setting: 'data_directory', via: 'view public.d' }] }), trustNothing)
        ?.reason,
    ).toContain("current_setting('data_directory') through view public.d");
    expect(
      reachRefusal(reach({ settings: [{ setting: undefined, via: 'view public.d' }] }), trustNothing)?.code,
    ).toBe('sql_function_denied');
  });

  it('refuses a function whose body uses a masked column', () => {
    expect(
      reachRefusal(
        reach({ maskedBodyColumns: [{ function: 'public.contact_of()', column: 'email' }] }),
        trustNothing,
      ),
    ).toMatchObject({ code: 'sql_masked_column' });
  });
});
