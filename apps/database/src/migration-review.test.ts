import { describe, expect, it } from 'vitest';
import { reviewMigration } from './migration-review.ts';

// Volatility as pg_proc has it for the functions these migrations call.
const VOLATILITY: Record<string, 'i' | 's' | 'v'> = {
  now: 's',
  gen_random_uuid: 'v',
  random: 'v',
  lower: 'i',
};
const volatility = (name: string) => VOLATILITY[name];

describe('reviewMigration', () => {
  it('tells a volatile default (rewrite) from a constant one (metadata only)', async () => {
    const [volatile, constant, stable] = await reviewMigration(
      `ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();
       ALTER TABLE orders ADD COLUMN source text DEFAULT 'web';
       ALTER TABLE public.orders ADD COLUMN seen_at timestamptz DEFAULT now();`,
      volatility,
    );
    expect(volatile).toMatchObject({
      kind: 'AlterTable',
      lock: 'ACCESS EXCLUSIVE',
      rewrite: true,
      tables: [{ name: 'orders' }],
    });
    expect(volatile?.notes[0]).toContain('gen_random_uuid() is volatile');
    expect(constant).toMatchObject({ rewrite: false });
    expect(constant?.notes[0]).toContain('metadata-only');
    expect(stable).toMatchObject({ rewrite: false, tables: [{ schema: 'public', name: 'orders' }] });
  });

  it('knows index builds with and without CONCURRENTLY, and drops', async () => {
    const reviews = await reviewMigration(
      `CREATE INDEX orders_status_idx ON orders (status);
       CREATE INDEX CONCURRENTLY orders_status_idx2 ON orders (status);
       DROP INDEX orders_status_idx;
       DROP TABLE billing.old_invoices;`,
      volatility,
    );
    expect(reviews.map((r) => r.lock)).toEqual([
      'SHARE',
      'SHARE UPDATE EXCLUSIVE',
      'ACCESS EXCLUSIVE',
      'ACCESS EXCLUSIVE',
    ]);
    expect(reviews[0]?.blocks).toContain('all writes');
    expect(reviews[3]?.tables).toEqual([{ schema: 'billing', name: 'old_invoices' }]);
    expect(reviews[3]?.notes[0]).toContain('irreversible');
  });

  it('sees foreign keys, NOT VALID, type changes, SET NOT NULL and unbatched updates', async () => {
    const reviews = await reviewMigration(
      `ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id);
       ALTER TABLE orders ADD CONSTRAINT fk2 FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
       ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint;
       ALTER TABLE orders ALTER COLUMN currency SET NOT NULL;
       UPDATE orders SET currency = 'EUR';`,
      volatility,
    );
    expect(reviews[0]).toMatchObject({ lock: 'SHARE ROW EXCLUSIVE' });
    expect(reviews[0]?.notes[0]).toContain('scans the whole table');
    expect(reviews[1]?.notes[0]).toContain('NOT VALID');
    expect(reviews[2]).toMatchObject({ lock: 'ACCESS EXCLUSIVE', rewrite: true });
    expect(reviews[3]?.notes[0]).toContain('scans the whole table');
    expect(reviews[4]).toMatchObject({ lock: 'ROW EXCLUSIVE' });
    expect(reviews[4]?.notes[0]).toContain('no WHERE');
  });

  it('refuses SQL that does not parse, with the parser message', async () => {
    await expect(reviewMigration('ALTER TABEL orders', volatility)).rejects.toThrow(
      /does not parse: syntax error/,
    );
  });
});
