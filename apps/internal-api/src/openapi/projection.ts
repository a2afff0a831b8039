// What a generated tool returns: only the response fields the document declares, narrowed to a selection (the
// operation's `fields` setting, or by default the plain fields of the response or of its list items). The pruned
// schema is both the tool's output contract and the filter applied to each answer, so a field the upstream adds,
// or a personal-data field the selection leaves out, never reaches the model.
import { flattenAllOf, type JsonSchema, SchemaError, typesOf } from './schema-zod.ts';

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);
/** Fields kept by default: a model acts on a few fields, and every declared one costs tokens in tools/list. */
export const DEFAULT_FIELD_COUNT = 8;
const MAX_DEPTH = 6;
const LINK_LIKE = /(^|_|[a-z])(url|Url|URL|href|node_id|nodeId)$/;

type Resolve = (schema: JsonSchema) => JsonSchema;

function plain(schema: JsonSchema, resolve: Resolve): JsonSchema {
  return flattenAllOf(resolve(schema), resolve);
}

/** A scalar schema reduced to what the output contract says: its type (and null). */
function scalar(schema: JsonSchema): JsonSchema | undefined {
  const { types, nullable } = typesOf(schema);
  if (types.length !== 1 || !SCALARS.has(types[0] as string)) return undefined;
  return nullable ? { type: [types[0], 'null'] } : { type: types[0] };
}

/** Looks through lists: a path names fields of the items. */
function throughLists(schema: JsonSchema, resolve: Resolve): { item: JsonSchema; lists: number } {
  let current = plain(schema, resolve);
  let lists = 0;
  while (typesOf(current).types[0] === 'array' && isObject(current.items) && lists < MAX_DEPTH) {
    current = plain(current.items, resolve);
    lists++;
  }
  return { item: current, lists };
}

function wrapLists(schema: JsonSchema, lists: number): JsonSchema {
  let out = schema;
  for (let i = 0; i < lists; i++) out = { type: 'array', items: out };
  return out;
}

/** The default selection of an object: its first scalar fields, required ones first; a map is kept whole. */
function defaultObject(schema: JsonSchema, resolve: Resolve): JsonSchema {
  const properties = isObject(schema.properties) ? schema.properties : {};
  if (Object.keys(properties).length === 0) return {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  // Required fields first, links and opaque node ids last: a model acts on names, states and numbers.
  const rank = (name: string) => (required.has(name) ? 0 : 1) + (LINK_LIKE.test(name) ? 2 : 0);
  const names = Object.keys(properties).sort((a, b) => rank(a) - rank(b));
  const kept: Record<string, JsonSchema> = {};
  for (const name of names) {
    if (Object.keys(kept).length >= DEFAULT_FIELD_COUNT) break;
    const property = properties[name];
    if (!isObject(property)) continue;
    const s = scalar(plain(property, resolve));
    if (s && plain(property, resolve).writeOnly !== true) kept[name] = s;
  }
  return { type: 'object', properties: kept };
}

/**
 * The pruned schema of a response: `fields` are dotted paths (lists looked through); none selects the defaults.
 * A path the document does not declare is an error naming it, so a typo is caught at start, not at call time.
 */
export function pruneSchema(
  response: JsonSchema,
  fields: readonly string[] | undefined,
  resolve: Resolve,
): JsonSchema {
  const { item, lists } = throughLists(response, resolve);
  if (scalar(item)) return wrapLists(scalar(item) as JsonSchema, lists);
  if (typesOf(item).types[0] !== 'object') return wrapLists({}, lists);
  if (!fields || fields.length === 0) return wrapLists(defaultObject(item, resolve), lists);
  const root: JsonSchema = { type: 'object', properties: {} };
  for (const field of fields) select(root, item, field.split('.'), field, resolve);
  return wrapLists(root, lists);
}

function select(into: JsonSchema, from: JsonSchema, path: string[], field: string, resolve: Resolve): void {
  const [name, ...rest] = path as [string, ...string[]];
  const properties = isObject(from.properties) ? from.properties : {};
  const declared = properties[name];
  if (!isObject(declared)) throw new SchemaError(`field "${field}": the response declares no "${name}"`);
  const target = into.properties as Record<string, JsonSchema>;
  const { item, lists } = throughLists(declared, resolve);
  if (rest.length === 0) {
    const s = scalar(item);
    target[name] = wrapLists(
      s ?? (typesOf(item).types[0] === 'object' ? defaultObject(item, resolve) : {}),
      lists,
    );
    return;
  }
  if (typesOf(item).types[0] !== 'object') throw new SchemaError(`field "${field}": "${name}" has no fields`);
  let child = target[name];
  let inner = child;
  for (let i = 0; i < lists && inner; i++) inner = inner.items as JsonSchema;
  if (inner?.type !== 'object') {
    inner = { type: 'object', properties: {} };
    child = wrapLists(inner, lists);
    target[name] = child;
  }
  select(inner, item, rest, field, resolve);
}

/**
 * The value reduced to the pruned schema: undeclared fields dropped, values of the wrong type dropped (an upstream
 * that breaks its own document does not break the call), lists mapped item by item.
 */
export function conform(value: unknown, schema: JsonSchema): unknown {
  if (Object.keys(schema).length === 0) return value;
  const { types, nullable } = typesOf(schema);
  if (value === null) return nullable ? null : undefined;
  const type = types[0];
  if (type === 'array') {
    if (!Array.isArray(value)) return undefined;
    const items = isObject(schema.items) ? schema.items : {};
    return value.map((v) => conform(v, items)).filter((v) => v !== undefined);
  }
  if (type === 'object') {
    if (!isObject(value)) return undefined;
    const out: Record<string, unknown> = {};
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
      if (!Object.hasOwn(value, name)) continue;
      const kept = conform(value[name], property);
      if (kept !== undefined) out[name] = kept;
    }
    return out;
  }
  if (type === 'integer') return Number.isInteger(value) ? value : undefined;
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  if (type === 'string' || type === 'boolean') return typeof value === type ? value : undefined;
  return value;
}
