import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fullJsonSchema, modelInputSchema, wireOutputSchema } from './wire-schema.ts';

describe('modelInputSchema', () => {
  const input = z
    .object({
      repo: z
        .string()
        .max(200)
        .regex(/^[\w.-]+\/[\w.-]+$/)
        .describe('owner/name'),
      number: z.number().int().min(1),
      limit: z.number().int().min(1).max(20).default(5),
      state: z.enum(['open', 'closed']).optional(),
      labels: z.array(z.string().min(1).max(50)).max(10).optional(),
      filter: z
        .object({ author: z.string().max(40) })
        .strict()
        .optional(),
      since: z.iso.datetime().optional(),
    })
    .strict();
  const full = fullJsonSchema(input, 'input');
  const shown = modelInputSchema(full);
  const props = shown.properties as Record<string, Record<string, unknown>>;

  it('leaves out length caps, patterns and the implicit safe-integer bound, at every depth', () => {
    expect(props.repo).toEqual({ type: 'string', description: 'owner/name' });
    expect(props.labels).toEqual({ type: 'array', items: { type: 'string' } });
    expect(props.filter).toEqual({
      type: 'object',
      properties: { author: { type: 'string' } },
      required: ['author'],
      additionalProperties: false,
    });
    expect(props.number).toEqual({ type: 'integer', minimum: 1 });
  });

  it('keeps what a model chooses by: ranges, defaults, enums, formats, required and the closed object', () => {
    expect(props.limit).toEqual({ type: 'integer', minimum: 1, maximum: 20, default: 5 });
    expect(props.state).toEqual({ type: 'string', enum: ['open', 'closed'] });
    expect(props.since).toMatchObject({ type: 'string', format: 'date-time' });
    expect(shown.required).toEqual(['repo', 'number']);
    expect(shown.additionalProperties).toBe(false);
  });

  it('changes nothing in the full schema it is given', () => {
    expect((full.properties as Record<string, Record<string, unknown>>).repo).toMatchObject({
      maxLength: 200,
      pattern: expect.any(String),
    });
  });

  it('copies data keywords as they are, even when their values look like schema keywords', () => {
    const schema = {
      type: 'object',
      properties: {
        mode: { enum: [{ pattern: 'x', maxLength: 1 }] },
        options: { type: 'object', default: { pattern: 'keep', maxLength: 3 } },
      },
    };
    expect(modelInputSchema(schema)).toEqual(schema);
  });

  it('reaches schemas under $defs, anyOf and additionalProperties', () => {
    const schema = {
      type: 'object',
      $defs: { name: { type: 'string', maxLength: 9 } },
      properties: {
        either: { anyOf: [{ type: 'string', pattern: 'a' }, { type: 'null' }] },
        map: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
      },
    };
    expect(modelInputSchema(schema)).toEqual({
      type: 'object',
      $defs: { name: { type: 'string' } },
      properties: {
        either: { type: ['string', 'null'] },
        map: { type: 'object', additionalProperties: { type: 'string' } },
      },
    });
  });

  it('lists a union of bare types as one type list, and leaves any other anyOf alone', () => {
    const input = z.object({
      value: z.union([z.string().max(2000), z.number()]).describe('Text or a number'),
      shaped: z.union([z.string(), z.object({ id: z.string() })]),
      literal: z.union([z.literal('a'), z.number()]),
    });
    const wire = modelInputSchema(fullJsonSchema(input, 'input')) as { properties: Record<string, unknown> };
    expect(wire.properties.value).toEqual({ type: ['string', 'number'], description: 'Text or a number' });
    expect(wire.properties.shaped).toHaveProperty('anyOf');
    expect(wire.properties.literal).toHaveProperty('anyOf');
  });
});

describe('wireOutputSchema', () => {
  it('states the object and the top-level fields every result carries', () => {
    const output = z.object({
      id: z.string(),
      comments: z.array(z.object({ body: z.string() })),
      note: z.string().optional(),
    });
    expect(wireOutputSchema(fullJsonSchema(output, 'output'))).toEqual({
      type: 'object',
      required: ['id', 'comments'],
    });
  });

  it('is a bare object schema when no field is always there', () => {
    expect(wireOutputSchema(fullJsonSchema(z.object({ note: z.string().optional() }), 'output'))).toEqual({
      type: 'object',
    });
  });
});
