import { describe, expect, it } from 'vitest';
import { formatFields, formatTable, jsonLine, tableWriter } from './output.ts';

interface Row {
  name: string;
  count: number;
  note?: string;
}

const columns = [
  { header: 'NAME', value: (r: Row) => r.name },
  { header: 'COUNT', value: (r: Row) => r.count, align: 'right' as const },
  { header: 'NOTE', value: (r: Row) => r.note },
];

describe('formatTable', () => {
  it('aligns columns under their headers, numbers to the right, no trailing blanks', () => {
    const lines = formatTable(columns, [
      { name: 'alice', count: 3, note: 'first' },
      { name: 'bartholomew', count: 1200 },
    ]);
    expect(lines).toEqual(['NAME         COUNT  NOTE', 'alice            3  first', 'bartholomew   1200  -']);
  });

  it('keeps one row on one line when a value holds newlines or control characters', () => {
    const [, row] = formatTable(columns, [{ name: 'x', count: 1, note: 'two\nlines\u001b[31m' }]);
    expect(row).toBe('x         1  two lines [31m');
  });

  it('keeps later batches aligned with earlier ones and prints the header once', () => {
    const write = tableWriter(columns);
    const first = write([{ name: 'alice', count: 3 }], true);
    const later = write([{ name: 'bob', count: 12 }], false);
    expect(first).toEqual(['NAME   COUNT  NOTE', 'alice      3  -']);
    expect(later).toEqual(['bob       12  -']);
  });
});

describe('formatFields and jsonLine', () => {
  it('aligns labels and skips absent values', () => {
    expect(
      formatFields([
        ['Tool', 'add_note'],
        ['Decided by', undefined],
        ['Input digest', 'sha256:ab'],
      ]),
    ).toEqual(['Tool:          add_note', 'Input digest:  sha256:ab']);
  });

  it('writes one compact JSON document per line', () => {
    expect(jsonLine({ a: 1, b: 'x\ny' })).toBe('{"a":1,"b":"x\\ny"}');
  });
});
