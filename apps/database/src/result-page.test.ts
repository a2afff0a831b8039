import { describe, expect, it } from 'vitest';
import type { DescribedField } from './column-masks.ts';
import { buildPage, uniqueNames } from './result-page.ts';

const fields: DescribedField[] = [
  { name: 'id', masked: false },
  { name: 'email', masked: true },
];
const rows = (n: number) => Array.from({ length: n }, (_, i) => [i + 1, `user${i + 1}@example.com`]);

describe('uniqueNames', () => {
  it('keeps distinct names and numbers repeated ones so no column overwrites another', () => {
    expect(uniqueNames(['a', 'b', 'a', 'a', 'a_2'])).toEqual(['a', 'b', 'a_2', 'a_3', 'a_2_2']);
  });
});

describe('buildPage', () => {
  it('masks values of masked fields, keeps null as null, and lists the masked column names', () => {
    const page = buildPage(
      fields,
      [
        [1, 'a@example.com'],
        [2, null],
      ],
      { maxRows: 10, maxBytes: 10_000 },
      false,
    );
    expect(page.rows).toEqual([
      [1, '[masked]'],
      [2, null],
    ]);
    expect(page.masked).toEqual(['email']);
    expect(page.columns).toEqual(['id', 'email']);
    expect(page.truncated).toBe(false);
  });

  it('returns maxRows rows and says the rows were truncated when one more was fetched', () => {
    const page = buildPage(fields, rows(6), { maxRows: 5, maxBytes: 10_000 }, false);
    expect(page.rows).toHaveLength(5);
    expect(page.truncated).toEqual({ reason: 'rows', limit: 5 });
    expect(buildPage(fields, rows(5), { maxRows: 5, maxBytes: 10_000 }, false).truncated).toBe(false);
  });

  it('stops before the JSON of the rows passes maxBytes and says so', () => {
    const page = buildPage(fields, rows(100), { maxRows: 1000, maxBytes: 200 }, false);
    expect(page.truncated).toEqual({ reason: 'bytes', limit: 200 });
    expect(Buffer.byteLength(JSON.stringify(page.rows))).toBeLessThanOrEqual(200);
    expect(page.rows.length).toBeGreaterThan(1);
    expect(page.rows.length).toBeLessThan(100);
  });

  it('cuts the values of a single row wider than maxBytes, so a page still moves the cursor', () => {
    const wide: DescribedField[] = [{ name: 'body', masked: false }];
    const page = buildPage(wide, [['x'.repeat(5000)], ['y']], { maxRows: 10, maxBytes: 1000 }, false);
    expect(page.rows).toHaveLength(1);
    expect(String(page.rows[0]?.[0])).toMatch(/^x+… \[cut\]$/);
    expect(Buffer.byteLength(JSON.stringify(page.rows))).toBeLessThanOrEqual(1000);
    expect(page.truncated).toEqual({ reason: 'bytes', limit: 1000 });
  });

  it('reports a byte truncation when the connection cut the result short', () => {
    const page = buildPage(fields, rows(3), { maxRows: 10, maxBytes: 10_000 }, true);
    expect(page.rows).toHaveLength(3);
    expect(page.truncated).toEqual({ reason: 'bytes', limit: 10_000 });
  });

  it('gives duplicate output names distinct names', () => {
    const dup: DescribedField[] = [
      { name: 'a', masked: false },
      { name: 'a', masked: true },
    ];
    const page = buildPage(dup, [[1, 2]], { maxRows: 10, maxBytes: 10_000 }, false);
    expect(page.columns).toEqual(['a', 'a_2']);
    expect(page.rows).toEqual([[1, '[masked]']]);
    expect(page.masked).toEqual(['a_2']);
  });
});
