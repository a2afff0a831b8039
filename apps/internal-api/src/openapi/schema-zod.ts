// JSON Schema (the subset OpenAPI 3.0 / 3.1 and Swagger 2.0 use for parameters, bodies and responses) to zod, so
// the kit validates a generated tool's input and output like any hand-written tool's. What is supported:
//   type string | integer | number | boolean | null | array | object (3.1 type arrays; 3.0 `nullable`)
//   enum / const, string minLength / maxLength / pattern, number minimum / maximum (and the exclusive forms),
//   array items / minItems / maxItems, object properties / required / additionalProperties,
//   allOf (flattened into one object), oneOf / anyOf (a union; never at the top of an input).
// Everything else (not, if/then/else, patternProperties, dependentSchemas, ...) is ignored, which only ever
// widens what is accepted: the upstream still validates. Recursion (a circular $ref the parser resolved into a
// cycle) is cut at a fixed depth and becomes an unknown value, so no schema can loop or explode.
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/** Where the schema is used: inputs are bounded (every string and list has a cap); outputs are lenient. */
export type Direction = 'input' | 'output';

export interface ConvertOptions {
  readonly direction: Direction;
  /** Levels of nesting kept; deeper values become unknown. */
  readonly maxDepth?: number;
  /** Follows a `$ref` (the spec's resolver); without it a `$ref` is refused. */
  readonly resolve?: (schema: JsonSchema) => JsonSchema;
}

export class SchemaError extends Error {}

/** Caps every input string and list gets when the spec sets none: a model can still not send a megabyte. */
export const INPUT_STRING_CAP = 4096;
export const INPUT_LIST_CAP = 100;
const DEFAULT_DEPTH = 6;

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON types a schema allows, and whether null is one of them. */
export function typesOf(schema: JsonSchema): { types: string[]; nullable: boolean } {
  const raw = schema.type;
  const listed = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  let types = listed.filter((t) => t !== 'null');
  const nullable = listed.includes('null') || schema.nullable === true;
  if (types.length === 0) {
    if (isObject(schema.properties) || schema.additionalProperties !== undefined) types = ['object'];
    else if (schema.items !== undefined) types = ['array'];
  }
  return { types, nullable };
}

/**
 * `allOf` members merged into one schema: properties and required lists joined, other keywords taken from the
 * first member that sets them. Members are flattened first, so nested allOf chains become one object.
 */
export function flattenAllOf(
  schema: JsonSchema,
  resolve: (schema: JsonSchema) => JsonSchema = noRefs,
  seen: Set<JsonSchema> = new Set(),
): JsonSchema {
  if (!Array.isArray(schema.allOf)) return schema;
  if (seen.has(schema)) throw new SchemaError('allOf refers back to itself');
  seen.add(schema);
  const { allOf, ...rest } = schema;
  const merged: JsonSchema = { ...rest };
  const properties: Record<string, unknown> = isObject(rest.properties) ? { ...rest.properties } : {};
  const required = new Set<string>(Array.isArray(rest.required) ? (rest.required as string[]) : []);
  for (const member of allOf as unknown[]) {
    if (!isObject(member)) continue;
    const flat = flattenAllOf(resolve(member), resolve, seen);
    if (isObject(flat.properties)) Object.assign(properties, flat.properties);
    if (Array.isArray(flat.required)) for (const r of flat.required) required.add(String(r));
    for (const [key, value] of Object.entries(flat)) {
      if (key === 'properties' || key === 'required') continue;
      if (!(key in merged)) merged[key] = value;
    }
  }
  seen.delete(schema);
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

/** The first sentence of a text, on one line, at most `max` characters: descriptions cost tokens. */
export function shortText(text: unknown, max: number): string | undefined {
  if (typeof text !== 'string') return undefined;
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return undefined;
  const sentence = /^(.+?[.!?])(\s|$)/.exec(line)?.[1] ?? line;
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1).trimEnd()}…`;
}

/** Converts one schema; throws SchemaError with a reason a person can act on. */
export function toZod(schema: unknown, options: ConvertOptions): z.ZodType {
  return convert(isObject(schema) ? schema : {}, options, 0, new Set());
}

function noRefs(schema: JsonSchema): JsonSchema {
  if (typeof schema.$ref === 'string') throw new SchemaError(`$ref ${schema.$ref} cannot be followed here`);
  return schema;
}

function convert(
  given: JsonSchema,
  options: ConvertOptions,
  depth: number,
  path: Set<JsonSchema>,
): z.ZodType {
  const resolve = options.resolve ?? noRefs;
  const raw = resolve(given);
  if (path.has(raw) || depth > (options.maxDepth ?? DEFAULT_DEPTH)) return z.unknown();
  path.add(raw);
  try {
    const schema = flattenAllOf(raw, resolve);
    const { types, nullable } = typesOf(schema);
    let out = convertTypes(schema, types, options, depth, path);
    if (nullable && !(out instanceof z.ZodUnknown)) out = out.nullable();
    return out;
  } finally {
    path.delete(raw);
  }
}

function convertTypes(
  schema: JsonSchema,
  types: string[],
  options: ConvertOptions,
  depth: number,
  path: Set<JsonSchema>,
): z.ZodType {
  const choices = (
    Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : []
  )
    .filter(isObject)
    .map((member) => convert(member, options, depth + 1, path));
  if (choices.length > 0 && types.length === 0) {
    return choices.length === 1 ? (choices[0] as z.ZodType) : z.union(choices as [z.ZodType, z.ZodType]);
  }
  if (schema.const !== undefined) return literal([schema.const]);
  if (Array.isArray(schema.enum) && types.length <= 1) {
    const values = schema.enum.filter((v) => v !== null);
    if (values.length > 0) return options.direction === 'output' ? loose(types[0]) : literal(values);
  }
  if (types.length === 0) return z.unknown();
  const converted = types.map((type) => convertType(schema, type, options, depth, path));
  return converted.length === 1 ? (converted[0] as z.ZodType) : z.union(converted as [z.ZodType, z.ZodType]);
}

/** An output enum is read as its plain type: an upstream that adds a value must not break the call. */
function loose(type: string | undefined): z.ZodType {
  if (type === 'integer' || type === 'number') return z.number();
  if (type === 'boolean') return z.boolean();
  return z.string();
}

function literal(values: unknown[]): z.ZodType {
  if (values.every((v) => typeof v === 'string')) return z.enum(values as [string, ...string[]]);
  const literals = values
    .filter((v) => ['string', 'number', 'boolean'].includes(typeof v))
    .map((v) => z.literal(v as string | number | boolean));
  if (literals.length === 0) throw new SchemaError('an enum of objects or lists is not supported');
  return literals.length === 1
    ? (literals[0] as z.ZodType)
    : z.union(literals as unknown as [z.ZodType, z.ZodType]);
}

function convertType(
  schema: JsonSchema,
  type: string,
  options: ConvertOptions,
  depth: number,
  path: Set<JsonSchema>,
): z.ZodType {
  const input = options.direction === 'input';
  switch (type) {
    case 'string':
      return stringSchema(schema, input);
    case 'integer':
    case 'number':
      return numberSchema(schema, type, input);
    case 'boolean':
      return z.boolean();
    case 'null':
      return z.null();
    case 'array': {
      const items = isObject(schema.items) ? convert(schema.items, options, depth + 1, path) : z.unknown();
      let list = z.array(items);
      if (!input) return list;
      if (typeof schema.minItems === 'number') list = list.min(schema.minItems);
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : INPUT_LIST_CAP;
      return list.max(Math.min(max, INPUT_LIST_CAP * 10));
    }
    case 'object':
      return objectSchema(schema, options, depth, path);
    default:
      throw new SchemaError(`type "${type}" is not a JSON Schema type`);
  }
}

function stringSchema(schema: JsonSchema, input: boolean): z.ZodType {
  let s = z.string();
  if (!input) return s;
  if (typeof schema.minLength === 'number') s = s.min(schema.minLength);
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : INPUT_STRING_CAP;
  s = s.max(max);
  if (typeof schema.pattern === 'string') s = s.regex(compilePattern(schema.pattern));
  return s;
}

/**
 * A pattern as the client will compile it: clients validate with a JSON Schema validator using Unicode regular
 * expressions, so a pattern that does not compile with the `u` flag would make the whole tool list unusable.
 */
export function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch (error) {
    throw new SchemaError(
      `pattern ${JSON.stringify(pattern)} is not a valid regular expression (${(error as Error).message})`,
    );
  }
}

function numberSchema(schema: JsonSchema, type: string, input: boolean): z.ZodType {
  // An output integer is written as a plain number: zod would add ±2^53 bounds to every one, tokens that say
  // nothing (the answer is still reduced to integers before it is returned).
  if (!input) return z.number();
  let n = type === 'integer' ? z.number().int() : z.number();
  const bound = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const min = bound('minimum');
  const max = bound('maximum');
  // 3.0 spells exclusiveness as a boolean beside minimum/maximum; 3.1 as a number of its own.
  const exMin = schema.exclusiveMinimum === true ? min : bound('exclusiveMinimum');
  const exMax = schema.exclusiveMaximum === true ? max : bound('exclusiveMaximum');
  if (exMin !== undefined) n = n.gt(exMin);
  else if (min !== undefined) n = n.min(min);
  if (exMax !== undefined) n = n.lt(exMax);
  else if (max !== undefined) n = n.max(max);
  if (type !== 'integer') return n;
  // zod writes ±2^53 bounds on every integer; a bound the document does not set costs tokens and says nothing (the
  // value is still checked to be a safe integer).
  const unset: Record<string, undefined> = {};
  if (min === undefined && exMin === undefined) unset.minimum = undefined;
  if (max === undefined && exMax === undefined) unset.maximum = undefined;
  return Object.keys(unset).length > 0 ? n.meta(unset) : n;
}

function objectSchema(schema: JsonSchema, options: ConvertOptions, depth: number, path: Set<JsonSchema>) {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const shape: Record<string, z.ZodType> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isObject(property)) continue;
    if (options.direction === 'input' && property.readOnly === true) continue;
    if (options.direction === 'output' && property.writeOnly === true) continue;
    const value = convert(property, options, depth + 1, path);
    // Outputs keep every field optional: an upstream that leaves one out must not fail the call.
    shape[name] = options.direction === 'input' && required.has(name) ? value : value.optional();
  }
  const extra = schema.additionalProperties;
  const object = z.object(shape);
  if (Object.keys(shape).length === 0 && extra !== false) {
    const values = isObject(extra) ? convert(extra, options, depth + 1, path) : z.unknown();
    return z.record(z.string(), values);
  }
  if (options.direction === 'input') return extra === false || extra === undefined ? object.strict() : object;
  return object;
}
