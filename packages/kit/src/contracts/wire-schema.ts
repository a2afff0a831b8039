import { z } from 'zod';

// What a tool's schemas cost: every listed tool is paid for in every conversation, so the wire carries what a
// model or a validating client uses and nothing the kit enforces anyway.

type Schema = Record<string, unknown>;

/** JSON Schema of a zod schema: zod's 2020-12 output without the `$schema` line every client already assumes. */
export function fullJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Schema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Schema;
  delete json.$schema;
  return json;
}

/**
 * The input schema a model is shown: types, properties, required, enums, formats, numeric ranges, defaults,
 * descriptions and `additionalProperties: false` (nothing else is accepted; SEP-1613 has clients rely on it). Length
 * caps and patterns guard the server, not the model: the kit's validation still enforces every one of them and its
 * error names the field and the rule (a field whose format matters says so in its description). The contract
 * snapshot keeps the full schema, so narrowing a guard is still a breaking change.
 */
export function modelInputSchema(full: Schema): Schema {
  return project(full, (key, value) => INPUT_GUARDS.has(key) || safeIntBound(key, value), typeUnion);
}

/**
 * `anyOf` of bare types (`z.union([z.string(), z.number()])`, once its guards are gone) as one `type` list: the
 * same JSON Schema in about half the tokens.
 */
function typeUnion(schema: Schema): Schema {
  const branches = schema.anyOf;
  if (!Array.isArray(branches) || branches.length < 2 || 'type' in schema) return schema;
  const types = branches.map((b) =>
    b && typeof b === 'object' && Object.keys(b).length === 1 && typeof b.type === 'string' ? b.type : undefined,
  );
  if (types.some((t) => t === undefined) || new Set(types).size !== types.length) return schema;
  const { anyOf: _, ...rest } = schema;
  return { type: types, ...rest };
}

/**
 * The output schema on the wire: `type: object` and the top-level fields every result carries. It stays correct
 * for every result, and it is what the schema's readers use: a client checks that those fields are there (the
 * server has already checked the whole result against the full schema before shaping it, kinds/tool.ts), and a
 * host that shows it to the model names the fields to chain calls with (the result's own JSON carries the types).
 * The whole shape cost more than the model-visible part of most tools (up to 186 tokens); it stays in the contract
 * snapshot and hash, so a type changed or a nested field dropped is still a breaking change.
 */
export function wireOutputSchema(full: Schema): Schema {
  const required = Array.isArray(full.required) ? full.required : [];
  return required.length > 0 ? { type: 'object', required } : { type: 'object' };
}

const INPUT_GUARDS = new Set([
  'maxLength',
  'minLength',
  'maxItems',
  'maxProperties',
  'pattern',
  'propertyNames',
]);
/** z.int() adds ±(2^53 − 1): a property of JSON numbers, not a range anyone chose. */
const safeIntBound = (key: string, value: unknown) =>
  (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) ||
  (key === 'minimum' && value === Number.MIN_SAFE_INTEGER);

/** Keywords whose value is one schema, a list of schemas, or a map of names to schemas. */
const ONE_SCHEMA = new Set(['items', 'additionalProperties', 'not', 'contains', 'if', 'then', 'else']);
const SCHEMA_LIST = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SCHEMA_MAP = new Set(['properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas']);

/**
 * A copy of `schema` without the keywords `drop` names, at every level where a schema can sit, each level then
 * passed through `rewrite`. Values of data keywords (`enum`, `const`, `default`, `examples`) are copied as they
 * are, whatever keys they hold.
 */
function project(
  schema: unknown,
  drop: (key: string, value: unknown) => boolean,
  rewrite: (schema: Schema) => Schema = (s) => s,
): Schema {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (drop(key, value)) continue;
    if (ONE_SCHEMA.has(key)) out[key] = project(value, drop, rewrite);
    else if (SCHEMA_LIST.has(key) && Array.isArray(value)) out[key] = value.map((v) => project(v, drop, rewrite));
    else if (SCHEMA_MAP.has(key) && value && typeof value === 'object')
      out[key] = Object.fromEntries(Object.entries(value).map(([name, v]) => [name, project(v, drop, rewrite)]));
    else out[key] = value;
  }
  return rewrite(out);
}
