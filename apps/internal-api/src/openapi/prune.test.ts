import { describe, expect, it } from 'vitest';
import { parseSpec } from './load.ts';
import { listOperations } from './operations.ts';
import { pointerTokens, pruneDocument } from './prune.ts';

const doc = {
  openapi: '3.1.0',
  info: { title: 'pets', version: '1' },
  servers: [{ url: 'https://pets.internal' }],
  paths: {
    '/pets/{id}': {
      parameters: [{ $ref: '#/components/parameters/id' }],
      get: { operationId: 'getPet', responses: { 200: { $ref: '#/components/responses/pet' } } },
      delete: { operationId: 'deletePet', responses: { 204: { description: 'gone' } } },
    },
    '/owners': { get: { operationId: 'listOwners', responses: { 200: { description: 'ok' } } } },
  },
  components: {
    parameters: { id: { name: 'id', in: 'path', required: true, schema: { type: 'integer' } } },
    responses: {
      pet: {
        description: 'ok',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
      },
    },
    schemas: {
      Pet: { type: 'object', properties: { owner: { $ref: '#/components/schemas/Owner' } } },
      Owner: {
        type: 'object',
        properties: { pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } },
      },
      'a/b': { type: 'string' },
      Unused: { type: 'object' },
    },
  },
};

describe('pruning a document to the operations it serves', () => {
  it('keeps their path items and methods, and every object their references reach (cycles too), at the same pointer', async () => {
    const spec = await parseSpec(JSON.stringify(doc), 'pets.json');
    const getPet = listOperations(spec).filter((o) => o.operationId === 'getPet');
    const pruned = pruneDocument(spec.doc, getPet)!;
    expect(Object.keys(pruned.paths as object)).toEqual(['/pets/{id}']);
    expect(Object.keys((pruned.paths as Record<string, object>)['/pets/{id}']!)).toEqual([
      'parameters',
      'get',
    ]);
    const components = pruned.components as Record<string, Record<string, unknown>>;
    expect(Object.keys(components.schemas!).sort()).toEqual(['Owner', 'Pet']);
    expect(components.parameters).toEqual(doc.components.parameters);
    expect(pruned.servers).toEqual(doc.servers);
    // What the pruned document builds is what the whole one builds.
    const again = await parseSpec(JSON.stringify(pruned), 'pets.json');
    expect(listOperations(again).map((o) => o.operationId)).toEqual(['getPet']);
  });

  it('decodes JSON pointers (~1, ~0, percent-encoding) and refuses what it cannot copy faithfully', async () => {
    expect(pointerTokens('#/components/schemas/a~1b')).toEqual(['components', 'schemas', 'a/b']);
    expect(pointerTokens('#/x/%7Bid%7D~0')).toEqual(['x', '{id}~']);
    expect(pointerTokens('other.yaml#/x')).toBeUndefined();
    // A pointer that goes through another reference, or into a list, is the parser's to resolve: no pruning.
    for (const responses of [
      { 200: { $ref: '#/components/responses/alias/description' } },
      { 200: { $ref: '#/paths/~1pets~1%7Bid%7D/parameters/0' } },
    ]) {
      const variant = {
        ...doc,
        paths: { ...doc.paths, '/owners': { get: { operationId: 'listOwners', responses } } },
        components: {
          ...doc.components,
          responses: { ...doc.components.responses, alias: { $ref: '#/components/responses/pet' } },
        },
      };
      const spec = await parseSpec(JSON.stringify(variant), 'pets.json');
      const owners = listOperations(spec).filter((o) => o.operationId === 'listOwners');
      expect(pruneDocument(spec.doc, owners)).toBeUndefined();
    }
  });
});
