import { describe, expect, it } from 'vitest';
import { isMaskedField, type MaskFacts, maskRow, type WireField } from './column-masks.ts';

const field = (name: string, tableID: number, columnID: number): WireField => ({
  name,
  tableID,
  columnID,
  dataTypeID: 25,
  dataTypeModifier: -1,
});

// customers (oid 100): attnum 3 email is masked; a view over it (oid 200) has attnum 2 computed from email.
const facts: MaskFacts = {
  masked: new Map([
    [100, new Set([3])],
    [200, new Set([2])],
    [300, new Set<number>()],
  ]),
  maskedNames: new Set(['email', 'contact']),
};

describe('isMaskedField', () => {
  it('masks by the relation and column a field comes from, whatever the output is called', () => {
    expect(isMaskedField(field('email', 100, 3), facts)).toBe(true);
    expect(isMaskedField(field('renamed', 100, 3), facts)).toBe(true);
    expect(isMaskedField(field('contact', 200, 2), facts)).toBe(true);
  });

  it('leaves a column of a known relation alone when it is not masked, even if its name is', () => {
    expect(isMaskedField(field('name', 100, 2), facts)).toBe(false);
    expect(isMaskedField(field('email', 300, 1), facts)).toBe(false);
  });

  it('masks by name when the field has no known origin (an expression, VALUES)', () => {
    expect(isMaskedField(field('email', 0, 0), facts)).toBe(true);
    expect(isMaskedField(field('total', 0, 0), facts)).toBe(false);
    expect(isMaskedField(field('contact', 999, 1), facts)).toBe(true);
  });
});

describe('maskRow', () => {
  it('replaces masked values and keeps null', () => {
    const fields = [
      { name: 'id', masked: false },
      { name: 'ssn', masked: true },
    ];
    expect(maskRow([1, '001-12-3456'], fields)).toEqual([1, '[masked]']);
    expect(maskRow([2, null], fields)).toEqual([2, null]);
  });
});
