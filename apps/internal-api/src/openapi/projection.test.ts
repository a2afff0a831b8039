import { describe, expect, it } from 'vitest';
import { conform, pruneSchema } from './projection.ts';
import { SchemaError } from './schema-zod.ts';

const same = (s: Record<string, unknown>) => s;
const customer = {
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    email: { type: 'string' },
    address: { type: 'object', properties: { city: { type: 'string' }, street: { type: 'string' } } },
    orders: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'integer' }, note: { type: 'string' } } },
    },
  },
};

describe('pruneSchema and conform', () => {
  it('keeps only the selected fields, looking through lists', () => {
    const pruned = pruneSchema(customer, ['id', 'address.city', 'orders.id'], same);
    const value = {
      id: 1,
      name: 'Ana',
      email: 'ana@example.com',
      address: { city: 'Berlin', street: 'Hauptstraße 1' },
      orders: [{ id: 7, note: 'x' }],
      undeclared: true,
    };
    expect(conform(value, pruned)).toEqual({ id: 1, address: { city: 'Berlin' }, orders: [{ id: 7 }] });
  });

  it('by default keeps the plain fields of the object or of each list item', () => {
    const pruned = pruneSchema({ type: 'array', items: customer }, undefined, same);
    expect(conform([{ id: 1, name: 'Ana', address: { city: 'B' } }], pruned)).toEqual([
      { id: 1, name: 'Ana' },
    ]);
  });

  it('drops values of the wrong type instead of failing the call', () => {
    const pruned = pruneSchema(customer, ['id', 'name'], same);
    expect(conform({ id: 'one', name: 5 }, pruned)).toEqual({});
    expect(conform('not an object', pruned)).toBeUndefined();
  });

  it('names a selected field the response does not declare', () => {
    expect(() => pruneSchema(customer, ['phone'], same)).toThrow(SchemaError);
    expect(() => pruneSchema(customer, ['name.first'], same)).toThrow(/has no fields/);
  });
});
