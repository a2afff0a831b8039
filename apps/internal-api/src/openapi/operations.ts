// The operations of a loaded document in one shape, whatever its version: Swagger 2.0's body/formData parameters
// and top-level parameter types, OpenAPI 3's requestBody and content maps, path-level parameters merged into each
// operation (an operation's own win). Only the references an operation uses are followed, and only when asked.
import type { LoadedSpec } from './load.ts';
import { type JsonSchema, SchemaError } from './schema-zod.ts';

export const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'] as const;
export type Method = (typeof METHODS)[number];

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly description?: string | undefined;
}

export interface Operation {
  readonly method: Method;
  readonly path: string;
  readonly operationId?: string | undefined;
  readonly summary?: string | undefined;
  readonly description?: string | undefined;
  readonly tags: readonly string[];
  /** The raw operation object: read for extensions such as `x-gatehouse-destructive`. */
  readonly raw: JsonSchema;
}

/** What a tool needs of an operation, with its references followed. */
export interface OperationDetail {
  readonly parameters: readonly Parameter[];
  readonly body?: { readonly required: boolean; readonly schema: JsonSchema } | undefined;
  /** The schema of the first successful JSON response; undefined when it has none (204, plain text). */
  readonly response?: JsonSchema | undefined;
}

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json(?:;|$)/i;

/** Every operation of the document, in document order. Nothing is resolved yet. */
export function listOperations(spec: LoadedSpec): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.doc.paths as JsonSchema)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const raw = item[method];
      if (!isObject(raw)) continue;
      operations.push({
        method,
        path,
        operationId: typeof raw.operationId === 'string' ? raw.operationId : undefined,
        summary: typeof raw.summary === 'string' ? raw.summary : undefined,
        description: typeof raw.description === 'string' ? raw.description : undefined,
        tags: Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === 'string') : [],
        raw,
      });
    }
  }
  return operations;
}

/**
 * An operation's parameter objects as the document writes them, references followed, path-level ones merged in
 * (the operation's own win). Nothing of their schemas is read.
 */
export function parameterObjects(spec: LoadedSpec, operation: Operation): JsonSchema[] {
  const item = spec.doc.paths as JsonSchema;
  const pathItem = spec.resolve(item[operation.path] as JsonSchema);
  const merged = new Map<string, JsonSchema>();
  for (const list of [pathItem.parameters, operation.raw.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (!isObject(entry)) continue;
      const parameter = spec.resolve(entry);
      merged.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
    }
  }
  return [...merged.values()];
}

/** Parameters, body and response of one operation; throws SchemaError naming what cannot be used. */
export function detailOf(spec: LoadedSpec, operation: Operation): OperationDetail {
  const parameters: Parameter[] = [];
  let body: OperationDetail['body'];
  for (const parameter of parameterObjects(spec, operation)) {
    const where = String(parameter.in);
    const name = String(parameter.name);
    if (spec.major === 2 && where === 'body') {
      body = { required: parameter.required === true, schema: asSchema(spec, parameter.schema) };
      continue;
    }
    if (where === 'formData')
      throw new SchemaError(`form parameter "${name}": form bodies are not supported`);
    if (!['path', 'query', 'header', 'cookie'].includes(where)) {
      throw new SchemaError(`parameter "${name}" is in "${where}", which is not a parameter location`);
    }
    const schema = spec.major === 2 ? swagger2ParameterSchema(parameter) : parameterSchema(spec, parameter);
    parameters.push({
      name,
      in: where as Parameter['in'],
      required: where === 'path' || parameter.required === true,
      schema,
      description: typeof parameter.description === 'string' ? parameter.description : undefined,
    });
  }
  if (spec.major === 3 && operation.raw.requestBody !== undefined) {
    const requestBody = spec.resolve(operation.raw.requestBody as JsonSchema);
    const schema = jsonContent(spec, requestBody.content);
    if (schema === undefined) {
      const types = isObject(requestBody.content) ? Object.keys(requestBody.content).join(', ') : 'none';
      throw new SchemaError(`request body is not JSON (content types: ${types})`);
    }
    body = { required: requestBody.required === true, schema };
  }
  return { parameters, body, response: responseSchema(spec, operation.raw) };
}

function asSchema(spec: LoadedSpec, value: unknown): JsonSchema {
  return isObject(value) ? spec.resolve(value) : {};
}

/** 3.x: `schema`, or the JSON entry of `content`. */
function parameterSchema(spec: LoadedSpec, parameter: JsonSchema): JsonSchema {
  if (isObject(parameter.schema)) return spec.resolve(parameter.schema);
  const fromContent = jsonContent(spec, parameter.content);
  if (fromContent) return fromContent;
  return { type: 'string' };
}

/** 2.0: the schema keywords sit on the parameter itself. */
function swagger2ParameterSchema(parameter: JsonSchema): JsonSchema {
  const keys = [
    'type',
    'format',
    'enum',
    'items',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
  ];
  const more = ['minLength', 'maxLength', 'pattern', 'minItems', 'maxItems'];
  const schema: JsonSchema = {};
  for (const key of [...keys, ...more]) if (parameter[key] !== undefined) schema[key] = parameter[key];
  if (schema.type === 'file') throw new SchemaError(`parameter "${String(parameter.name)}" is a file upload`);
  return schema;
}

function jsonContent(spec: LoadedSpec, content: unknown): JsonSchema | undefined {
  if (!isObject(content)) return undefined;
  for (const [type, media] of Object.entries(content)) {
    if (JSON_TYPE.test(type) || type === '*/*') return isObject(media) ? asSchema(spec, media.schema) : {};
  }
  return undefined;
}

function responseSchema(spec: LoadedSpec, raw: JsonSchema): JsonSchema | undefined {
  if (!isObject(raw.responses)) return undefined;
  const codes = Object.keys(raw.responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort();
  for (const code of codes) {
    const response = spec.resolve(raw.responses[code] as JsonSchema);
    if (spec.major === 2) return isObject(response.schema) ? spec.resolve(response.schema) : undefined;
    const schema = jsonContent(spec, response.content);
    if (schema) return schema;
  }
  return undefined;
}

/** The base URL the document declares (3.x `servers[0]`, 2.0 `schemes`/`host`/`basePath`), if absolute. */
export function declaredBaseUrl(spec: LoadedSpec): string | undefined {
  const doc = spec.doc;
  if (spec.major === 2) {
    if (typeof doc.host !== 'string') return undefined;
    const scheme = Array.isArray(doc.schemes) && doc.schemes.includes('https') ? 'https' : 'http';
    return `${scheme}://${doc.host}${typeof doc.basePath === 'string' ? doc.basePath : ''}`;
  }
  const server = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  if (!isObject(server) || typeof server.url !== 'string') return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{(\w+)\}/g, (_, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : `{${name}}`;
  });
  return /^https?:\/\/[^{}]+$/.test(url) ? url : undefined;
}
