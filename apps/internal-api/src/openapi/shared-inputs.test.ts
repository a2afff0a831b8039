import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InternalApiSettingsSchema } from '../config.ts';
import { internalApiServer } from '../server.ts';
import { loadServices } from '../services.ts';
import { parseSpec } from './load.ts';
import { listOperations } from './operations.ts';
import { sharedInputs, sharedInputsLine } from './shared-inputs.ts';

// Three operations share `page`'s description, two share `owner`'s, and one `page` says something else.
const DOCUMENT = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'shared', version: '1' },
  servers: [{ url: 'https://svc.test/v1' }],
  components: {
    parameters: {
      page: {
        name: 'page',
        in: 'query',
        description: 'The page to read. Starts at 1.',
        schema: { type: 'integer' },
      },
      owner: {
        name: 'owner',
        in: 'path',
        required: true,
        description: 'Who owns it.',
        schema: { type: 'string' },
      },
    },
  },
  paths: {
    '/a/{owner}': {
      parameters: [{ $ref: '#/components/parameters/owner' }],
      get: { operationId: 'getA', parameters: [{ $ref: '#/components/parameters/page' }] },
    },
    '/b/{owner}': {
      get: {
        operationId: 'getB',
        parameters: [{ $ref: '#/components/parameters/owner' }, { $ref: '#/components/parameters/page' }],
      },
    },
    '/c': { get: { operationId: 'getC', parameters: [{ $ref: '#/components/parameters/page' }] } },
    '/d': {
      get: {
        operationId: 'getD',
        parameters: [
          { name: 'page', in: 'query', description: 'Another page.', schema: { type: 'integer' } },
        ],
      },
    },
  },
});

async function serve(allow: string[]) {
  const spec = await parseSpec(DOCUMENT, 'shared.json');
  const loaded = await loadServices(
    InternalApiSettingsSchema.parse({ services: [{ name: 'svc', spec: 'shared.json', allow }] }),
    { specs: new Map([['svc', spec]]) },
  );
  const definition = internalApiServer(loaded);
  const inputs = Object.fromEntries(
    loaded.services[0]?.operations.map((o) => [o.name, z.toJSONSchema(o.input).properties]) ?? [],
  );
  return { instructions: definition.instructions ?? '', inputs };
}

describe('shared inputs', () => {
  it('are the descriptions three or more operations of the document repeat (first sentence)', async () => {
    const spec = await parseSpec(DOCUMENT, 'shared.json');
    expect([...sharedInputs(spec, listOperations(spec))]).toEqual([['page', 'The page to read.']]);
  });

  it('leave the schemas and are said once in the instructions; other descriptions stay', async () => {
    const { instructions, inputs } = await serve(['getA', 'getD']);
    expect(inputs.get_a).toMatchObject({ owner: { description: 'Who owns it.' }, page: { type: 'integer' } });
    expect(inputs.get_a?.page).not.toHaveProperty('description');
    expect(inputs.get_d).toMatchObject({ page: { type: 'integer', description: 'Another page.' } });
    expect(instructions.split('\n').at(-1)).toBe('Inputs of the svc tools: page: The page to read.');
  });

  it('do not depend on the allowlist: allowing more operations leaves a tool as it was', async () => {
    const one = await serve(['getA']);
    const all = await serve(['getA', 'getB', 'getC', 'getD']);
    expect(all.inputs.get_a).toEqual(one.inputs.get_a);
  });

  it('leave the instructions alone when no served tool uses one', async () => {
    expect((await serve(['getD'])).instructions).not.toContain('Inputs of');
    expect(sharedInputsLine('svc', new Map([['page', 'x']]), new Set())).toBeUndefined();
  });
});
