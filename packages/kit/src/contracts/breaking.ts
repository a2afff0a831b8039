/**
 * Whether a contract change breaks existing clients. Inputs break when they accept less (a new required field,
 * a removed field, a changed type, a narrowed enum or range); outputs break when they promise less (a removed or
 * no-longer-required field, a changed type, a widened enum). Descriptions and titles never break.
 * Not only for tests: a server whose contracts come from its configuration (apps/internal-api, from an OpenAPI
 * document) says at start-up whether a changed document breaks its clients (drift.ts: contractDrift).
 */
type Schema = Record<string, unknown>;

const asSchema = (v: unknown): Schema => (v && typeof v === 'object' ? (v as Schema) : {});
const props = (s: Schema) => asSchema(s.properties);
const required = (s: Schema) => new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
const typeOf = (s: Schema) => JSON.stringify(s.type ?? null);

export function breakingChanges(before: Schema, after: Schema): string[] {
  const out: string[] = [];
  compareInput(asSchema(before.inputSchema), asSchema(after.inputSchema), 'input', out);
  compareOutput(asSchema(before.outputSchema), asSchema(after.outputSchema), 'output', out);
  if (before.annotations || after.annotations) {
    const a = hints(before.annotations);
    const b = hints(after.annotations);
    for (const hint of Object.keys({ ...a, ...b }) as (keyof typeof a)[]) {
      if (a[hint] !== b[hint]) out.push(`annotation ${hint} changed from ${a[hint]} to ${b[hint]}`);
    }
  }
  if (before.uri !== after.uri || before.uriTemplate !== after.uriTemplate) out.push('URI changed');
  const argsBefore = new Map(((before.arguments ?? []) as Schema[]).map((x) => [x.name, x]));
  for (const arg of (after.arguments ?? []) as Schema[]) {
    const old = argsBefore.get(arg.name);
    if (!old && arg.required) out.push(`new required argument ${arg.name}`);
    if (old && arg.required && !old.required) out.push(`argument ${arg.name} became required`);
  }
  for (const name of argsBefore.keys()) {
    if (!((after.arguments ?? []) as Schema[]).some((x) => x.name === name))
      out.push(`argument ${name} removed`);
  }
  return out;
}

/**
 * The hints a client acts on, with the spec's defaults for absent ones; destructiveHint and idempotentHint only
 * where readOnlyHint is false (the spec gives them no meaning otherwise).
 */
function hints(annotations: unknown): Partial<Record<string, boolean | undefined>> {
  const a = asSchema(annotations) as Record<string, boolean | undefined>;
  const readOnlyHint = a.readOnlyHint ?? false;
  const openWorldHint = a.openWorldHint ?? true;
  if (readOnlyHint) return { readOnlyHint, openWorldHint };
  return {
    readOnlyHint,
    destructiveHint: a.destructiveHint ?? true,
    idempotentHint: a.idempotentHint ?? false,
    openWorldHint,
  };
}

function compareInput(before: Schema, after: Schema, path: string, out: string[]): void {
  if (typeOf(before) !== typeOf(after))
    out.push(`${path}: type changed from ${typeOf(before)} to ${typeOf(after)}`);
  const rb = required(before);
  const ra = required(after);
  for (const name of ra) if (!rb.has(name)) out.push(`${path}.${name}: now required`);
  const pb = props(before);
  const pa = props(after);
  for (const name of Object.keys(pb)) if (!(name in pa)) out.push(`${path}.${name}: removed`);
  for (const [name, schema] of Object.entries(pa)) {
    if (name in pb) compareInput(asSchema(pb[name]), asSchema(schema), `${path}.${name}`, out);
  }
  narrowed(before, after, path, out);
  if (before.items || after.items)
    compareInput(asSchema(before.items), asSchema(after.items), `${path}[]`, out);
}

function compareOutput(before: Schema, after: Schema, path: string, out: string[]): void {
  if (typeOf(before) !== typeOf(after))
    out.push(`${path}: type changed from ${typeOf(before)} to ${typeOf(after)}`);
  const rb = required(before);
  const ra = required(after);
  for (const name of rb) if (!ra.has(name)) out.push(`${path}.${name}: no longer always present`);
  const pb = props(before);
  const pa = props(after);
  for (const name of Object.keys(pb)) {
    if (!(name in pa)) out.push(`${path}.${name}: removed`);
    else compareOutput(asSchema(pb[name]), asSchema(pa[name]), `${path}.${name}`, out);
  }
  if (Array.isArray(before.enum) && Array.isArray(after.enum)) {
    const extra = (after.enum as unknown[]).filter((v) => !(before.enum as unknown[]).includes(v));
    if (extra.length > 0) out.push(`${path}: new values ${JSON.stringify(extra)} clients may not handle`);
  }
  if (before.items || after.items)
    compareOutput(asSchema(before.items), asSchema(after.items), `${path}[]`, out);
}

function narrowed(before: Schema, after: Schema, path: string, out: string[]): void {
  if (Array.isArray(after.enum)) {
    const lost = Array.isArray(before.enum)
      ? (before.enum as unknown[]).filter((v) => !(after.enum as unknown[]).includes(v))
      : ['(any)'];
    if (lost.length > 0) out.push(`${path}: no longer accepts ${JSON.stringify(lost)}`);
  }
  const lower = (k: string) =>
    typeof after[k] === 'number' &&
    (typeof before[k] !== 'number' || (after[k] as number) < (before[k] as number));
  const higher = (k: string) =>
    typeof after[k] === 'number' &&
    (typeof before[k] !== 'number' || (after[k] as number) > (before[k] as number));
  for (const k of ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'])
    if (lower(k)) out.push(`${path}: ${k} lowered`);
  for (const k of ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'])
    if (higher(k)) out.push(`${path}: ${k} raised`);
  if (typeof after.pattern === 'string' && after.pattern !== before.pattern)
    out.push(`${path}: pattern changed`);
}
