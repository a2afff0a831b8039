// One allowlisted operation made into everything a tool needs: its name, access, input schema (parameters and
// body, with where each field goes upstream), output schema (the pruned response) and description. Anything that
// cannot become a valid tool throws SchemaError with the reason, which start-up reports for that operation.

import type { Access } from '@gatehouse/kit';
import { z } from 'zod';
import type { OperationSettings } from '../config.ts';
import { type InputBinding, RESERVED_HEADERS } from '../upstream/request.ts';
import type { LoadedSpec } from './load.ts';
import { detailOf, type Operation, type Parameter } from './operations.ts';
import { pruneSchema } from './projection.ts';
import { flattenAllOf, type JsonSchema, SchemaError, shortText, toZod } from './schema-zod.ts';
import { parameterDescription, type SharedInputs } from './shared-inputs.ts';

/** How the answer is wrapped in the tool's output object. */
export type OutputKind = 'object' | 'items' | 'value' | 'none';

export interface BuiltOperation {
  readonly service: string;
  readonly operation: Operation;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly version: string;
  readonly access: Access;
  readonly target: string;
  readonly input: z.ZodObject;
  readonly output: z.ZodObject;
  readonly bindings: readonly InputBinding[];
  readonly outputKind: OutputKind;
  /** The pruned response schema the answer is reduced to (undefined: no JSON response declared). */
  readonly projection: JsonSchema | undefined;
  /** Output fields holding the upstream's data: all of it is third-party text. */
  readonly untrusted: readonly string[];
  /** The idempotency-key header the operation declares; the server sends a fresh key with each call. */
  readonly idempotencyHeader: string | undefined;
  /** Inputs whose description the server's instructions carry instead of the schema (shared-inputs.ts). */
  readonly sharedInputs: readonly string[];
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const IDEMPOTENCY = /^idempotency-key$/i;
const READS = new Set(['get', 'head']);

export const operationTarget = (service: string, tool: string) => `api:${service}/${tool}`;

export function accessOf(operation: Operation, options: OperationSettings | undefined): Access {
  if (READS.has(operation.method)) return 'read';
  if (
    operation.method === 'delete' ||
    options?.destructive ||
    operation.raw['x-gatehouse-destructive'] === true
  ) {
    return 'destructive';
  }
  return 'write';
}

export function buildOperation(
  spec: LoadedSpec,
  service: string,
  operation: Operation,
  name: string,
  options: OperationSettings | undefined,
  reservedHeader: string | undefined,
  shared: SharedInputs = new Map(),
): BuiltOperation {
  const detail = detailOf(spec, operation);
  const resolve = spec.resolve;
  const shape: Record<string, z.ZodType> = {};
  const bindings: InputBinding[] = [];
  const sharedNames: string[] = [];
  let idempotencyHeader: string | undefined;
  const offered = options?.inputs ? new Set(options.inputs) : undefined;
  for (const name of offered ?? []) {
    if (name.startsWith('body.')) continue;
    if (!detail.parameters.some((p) => p.name === name))
      throw new SchemaError(`inputs: the operation has no parameter "${name}"`);
  }
  for (const parameter of detail.parameters) {
    const lower = parameter.name.toLowerCase();
    // An operator narrows a long parameter list to what the model needs; the API applies its own defaults.
    if (!offers(parameter, options)) continue;
    if (parameter.in === 'header' && IDEMPOTENCY.test(parameter.name)) {
      idempotencyHeader = parameter.name;
      continue;
    }
    const unusable =
      parameter.in === 'cookie'
        ? 'cookie parameters are not supported'
        : parameter.in === 'header' && (RESERVED_HEADERS.has(lower) || lower === reservedHeader)
          ? 'the server sets this header itself'
          : undefined;
    if (unusable) {
      if (parameter.required) throw new SchemaError(`parameter "${parameter.name}": ${unusable}`);
      continue;
    }
    const field = fieldName(parameter.name, parameter.in, shape);
    let schema = toZod(parameter.schema, { direction: 'input', resolve, maxDepth: 3 });
    const described = parameterDescription(parameter);
    // A description many operations share is said once, in the server's instructions (shared-inputs.ts).
    if (described && shared.get(parameter.name) === described) sharedNames.push(parameter.name);
    else if (described) schema = schema.describe(described);
    shape[field] = parameter.required ? schema : schema.optional();
    bindings.push({ field, in: parameter.in as InputBinding['in'], name: parameter.name });
  }
  if (detail.body) {
    const field = shape.body === undefined ? 'body' : 'request_body';
    const bodySchema = offered ? narrowBody(detail.body.schema, offered, resolve) : detail.body.schema;
    const schema = toZod(bodySchema, { direction: 'input', resolve });
    shape[field] = detail.body.required ? schema : schema.optional();
    bindings.push({ field, in: 'body', name: field });
  }
  const { output, outputKind, projection, untrusted } = outputOf(detail.response, options?.fields, resolve);
  const access = accessOf(operation, options);
  const summary = options?.description ?? shortText(operation.summary ?? operation.description, 160);
  const base = summary ?? `${operation.method.toUpperCase()} ${operation.path}`;
  const description =
    access === 'read' ? base : `${base}${/[.!?]$/.test(base) ? '' : '.'} Needs a person's approval.`;
  return {
    service,
    operation,
    name,
    title: titleOf(name),
    description,
    version: options?.version ?? '1.0.0',
    access,
    target: operationTarget(service, name),
    input: z.object(shape),
    output,
    bindings,
    outputKind,
    projection,
    untrusted,
    idempotencyHeader,
    sharedInputs: sharedNames,
  };
}

/** Whether an operation offers a parameter as an input: required ones always; optional ones unless `inputs` narrows. */
function offers(parameter: Parameter, options: OperationSettings | undefined): boolean {
  return parameter.required || !options?.inputs || options.inputs.includes(parameter.name);
}

/**
 * A JSON body object narrowed to the optional properties `inputs` names as `body.<property>` (required ones stay);
 * without any `body.` entry the body is offered whole.
 */
function narrowBody(
  schema: JsonSchema,
  offered: ReadonlySet<string>,
  resolve: LoadedSpec['resolve'],
): JsonSchema {
  const wanted = [...offered].filter((n) => n.startsWith('body.')).map((n) => n.slice('body.'.length));
  if (wanted.length === 0) return schema;
  const flat = flattenAllOf(resolve(schema), resolve);
  const properties = (flat.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(flat.required) ? flat.required.map(String) : []);
  for (const name of wanted) {
    if (!(name in properties)) throw new SchemaError(`inputs: the request body has no property "${name}"`);
  }
  const kept = Object.fromEntries(
    Object.entries(properties).filter(([name]) => required.has(name) || wanted.includes(name)),
  );
  return { ...flat, properties: kept };
}

/** `get_order_status` as `Get order status`: short, and not a second copy of the description. */
function titleOf(name: string): string {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The parameter's own name when it is a plain identifier and free, else a snake_case one (`in_name` on a clash). */
function fieldName(name: string, where: string, shape: Record<string, unknown>): string {
  const plain = FIELD_NAME.test(name) ? name : name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const candidate = /^[A-Za-z]/.test(plain) ? plain : `p_${plain}`;
  if (shape[candidate] === undefined && candidate !== 'body') return candidate;
  const qualified = `${where}_${candidate}`;
  if (shape[qualified] !== undefined) throw new SchemaError(`parameter "${name}" appears twice in ${where}`);
  return qualified;
}

function outputOf(
  response: JsonSchema | undefined,
  fields: readonly string[] | undefined,
  resolve: LoadedSpec['resolve'],
): Pick<BuiltOperation, 'output' | 'outputKind' | 'projection' | 'untrusted'> {
  if (!response) {
    if (fields && fields.length > 0)
      throw new SchemaError('fields are set but the operation declares no JSON response');
    return {
      output: z.object({ status: z.number().int(), text: z.string().optional() }),
      outputKind: 'none',
      projection: undefined,
      untrusted: ['text'],
    };
  }
  const projection = pruneSchema(response, fields, resolve);
  const converted = toZod(projection, { direction: 'output' });
  const type = projection.type;
  if (type === 'object' && converted instanceof z.ZodObject) {
    const properties = projection.properties as Record<string, JsonSchema>;
    const untrusted = Object.keys(converted.shape).filter((key) => holdsText(properties[key] ?? {}));
    return { output: converted, outputKind: 'object', projection, untrusted };
  }
  const untrusted = holdsText(projection) ? [type === 'array' ? 'items' : 'value'] : [];
  if (type === 'array')
    return { output: z.object({ items: converted }), outputKind: 'items', projection, untrusted };
  return { output: z.object({ value: converted.optional() }), outputKind: 'value', projection, untrusted };
}

/** Whether a pruned schema lets text appear (a string, a value of any type, the keys of a map). */
export function holdsText(schema: JsonSchema): boolean {
  const type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null')[0] : schema.type;
  if (type === undefined || type === 'string') return true;
  if (type === 'array') return holdsText((schema.items ?? {}) as JsonSchema);
  if (type === 'object') {
    const properties = Object.values((schema.properties ?? {}) as Record<string, JsonSchema>);
    return properties.length === 0 || properties.some(holdsText);
  }
  return false;
}
