import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flattenAllOf, INPUT_STRING_CAP, SchemaError, shortText, toZod } from './schema-zod.ts';

const input = (schema: unknown) => toZod(schema, { direction: 'input' });
const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;

describe('toZod (input)', () => {
  it('keeps bounds, enums and patterns, and caps strings and lists the document leaves open', () => {
    const s = input({
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '^[a-z]+$' },
        size: { type: 'integer', minimum: 1, exclusiveMaximum: 10 },
        kind: { type: 'string', enum: ['a', 'b'] },
        tags: { type: 'array', items: { type: 'string' } },
      },
    });
    expect(s.safeParse({ name: 'abc', size: 9, kind: 'a', tags: ['x'] }).success).toBe(true);
    expect(s.safeParse({ name: 'ABC' }).success).toBe(false);
    expect(s.safeParse({ name: 'a', size: 10 }).success).toBe(false);
    expect(s.safeParse({ name: 'a', kind: 'c' }).success).toBe(false);
    expect(s.safeParse({ name: 'a'.repeat(INPUT_STRING_CAP + 1) }).success).toBe(false);
    expect(s.safeParse({ name: 'a', tags: Array(101).fill('x') }).success).toBe(false);
    expect(s.safeParse({}).success).toBe(false);
    // Unknown fields of an input object are refused (deny by default).
    expect(s.safeParse({ name: 'a', extra: 1 }).success).toBe(false);
  });

  it('reads 3.0 nullable, 3.1 type lists and the boolean form of exclusiveMinimum', () => {
    expect(input({ type: 'string', nullable: true }).safeParse(null).success).toBe(true);
    expect(input({ type: ['integer', 'null'] }).safeParse(null).success).toBe(true);
    expect(input({ type: ['integer', 'null'] }).safeParse(1.5).success).toBe(false);
    const ex = input({ type: 'number', minimum: 0, exclusiveMinimum: true });
    expect(ex.safeParse(0).success).toBe(false);
    expect(ex.safeParse(0.1).success).toBe(true);
  });

  it('flattens allOf into one object, nested chains included', () => {
    const merged = flattenAllOf({
      allOf: [
        { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
        { allOf: [{ properties: { b: { type: 'integer' } }, required: ['b'] }] },
      ],
    });
    expect(merged).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'integer' } },
      required: ['a', 'b'],
    });
  });

  it('cuts a cycle into an unknown value instead of recursing forever', () => {
    const node: Record<string, unknown> = { type: 'object', properties: { name: { type: 'string' } } };
    (node.properties as Record<string, unknown>).child = node;
    const s = toZod(node, { direction: 'output' });
    expect(s.safeParse({ name: 'a', child: { anything: [1, 2] } }).success).toBe(true);
    expect(JSON.stringify(json(s))).toContain('"child":{}');
  });

  it('refuses a pattern a Unicode regular expression cannot compile, and a $ref it cannot follow', () => {
    expect(() => input({ type: 'string', pattern: '[' })).toThrow(SchemaError);
    expect(() => input({ $ref: 'other.yaml#/x' })).toThrow(/cannot be followed/);
  });
});

describe('toZod (output)', () => {
  it('is lenient: every field optional, enums read as their type', () => {
    const s = toZod(
      {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'integer' }, state: { type: 'string', enum: ['a'] } },
      },
      { direction: 'output' },
    );
    expect(s.safeParse({}).success).toBe(true);
    expect(s.safeParse({ state: 'new-value' }).success).toBe(true);
  });
});

describe('shortText', () => {
  it('keeps the first sentence on one line, cut to the limit', () => {
    expect(shortText('Lists pets.\nMore detail here.', 100)).toBe('Lists pets.');
    expect(shortText('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(shortText('   ', 10)).toBeUndefined();
  });
});
