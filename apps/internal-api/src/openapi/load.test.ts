import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startDemoService } from '../demo/service.ts';
import { loadSpec, parseSpec, SpecError } from './load.ts';
import { declaredBaseUrl, detailOf, listOperations } from './operations.ts';

const swagger2 = JSON.stringify({
  swagger: '2.0',
  info: { title: 'Petstore', version: '1' },
  host: 'pets.internal',
  basePath: '/api',
  schemes: ['https'],
  paths: {
    '/pets/{petId}': {
      parameters: [{ name: 'petId', in: 'path', required: true, type: 'integer', minimum: 1 }],
      get: {
        operationId: 'getPet',
        parameters: [{ name: 'fields', in: 'query', type: 'array', items: { type: 'string' }, maxItems: 5 }],
        responses: { 200: { description: 'ok', schema: { $ref: '#/definitions/Pet' } } },
      },
      put: {
        operationId: 'updatePet',
        parameters: [{ name: 'pet', in: 'body', required: true, schema: { $ref: '#/definitions/Pet' } }],
        responses: { 200: { description: 'ok' } },
      },
    },
  },
  definitions: { Pet: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
});

describe('loading a document', () => {
  it('reads Swagger 2.0: top-level parameter types, body parameters, definitions, host and basePath', async () => {
    const spec = await parseSpec(swagger2, 'petstore.json');
    expect(spec.major).toBe(2);
    expect(declaredBaseUrl(spec)).toBe('https://pets.internal/api');
    const [get, put] = listOperations(spec);
    const detail = detailOf(spec, get!);
    expect(detail.parameters.map((p) => [p.name, p.in, p.required, p.schema.type])).toEqual([
      ['petId', 'path', true, 'integer'],
      ['fields', 'query', false, 'array'],
    ]);
    expect(detail.response?.properties).toHaveProperty('name');
    expect(detailOf(spec, put!).body).toMatchObject({ required: true, schema: { type: 'object' } });
  });

  it('reads OpenAPI 3 YAML and substitutes server variables', async () => {
    const spec = await parseSpec(
      'openapi: 3.1.0\ninfo: {title: t, version: "1"}\nservers:\n  - url: https://{env}.internal/v2\n    variables: {env: {default: prod}}\npaths: {}\n',
      'x.yaml',
    );
    expect(declaredBaseUrl(spec)).toBe('https://prod.internal/v2');
  });

  it('refuses what is not a supported OpenAPI document, saying why', async () => {
    await expect(parseSpec('openapi: 4.0.0\npaths: {}', 'a.yaml')).rejects.toThrow(
      /supported: 3.0, 3.1 and Swagger 2.0/,
    );
    await expect(parseSpec('{"info": {}}', 'b.json')).rejects.toThrow(SpecError);
    await expect(parseSpec('openapi: 3.0.0\n', 'c.yaml')).rejects.toThrow(/no "paths"/);
    await expect(parseSpec('{ nope', 'd.json')).rejects.toThrow(/neither JSON nor YAML/);
  });

  it('never follows a reference outside the document', async () => {
    const spec = await parseSpec(
      JSON.stringify({
        openapi: '3.0.3',
        paths: {
          '/x': { get: { parameters: [{ $ref: 'https://evil.example/params.json#/p' }], responses: {} } },
        },
      }),
      'ext.json',
    );
    expect(() => detailOf(spec, listOperations(spec)[0]!)).toThrow(/external references are off/);
  });
});

describe('loading from a URL', () => {
  it('reads the document a service serves, and never follows a redirect or reads past the cap', async () => {
    const demo = await startDemoService();
    const redirecting = createServer((_req, res) =>
      res.writeHead(302, { location: `${demo.baseUrl}/openapi.yaml` }).end(),
    );
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const elsewhere = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/openapi.yaml`;
    try {
      const spec = await loadSpec(`${demo.baseUrl}/openapi.yaml`, { maxBytes: 1024 * 1024, timeoutMs: 5000 });
      expect(listOperations(spec).map((o) => o.operationId)).toContain('getCustomer');
      await expect(loadSpec(elsewhere, { maxBytes: 1024 * 1024, timeoutMs: 5000 })).rejects.toThrow(
        SpecError,
      );
      await expect(
        loadSpec(`${demo.baseUrl}/openapi.yaml`, { maxBytes: 1024, timeoutMs: 5000 }),
      ).rejects.toThrow(/larger than 1024 bytes/);
    } finally {
      redirecting.close();
      await demo.close();
    }
  });
});
