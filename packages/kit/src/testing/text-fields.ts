import type { ToolDefinition } from '../contracts/define.ts';
import { keysCovered, type PathPattern, parsePath, pathCovered } from '../shape/paths.ts';

/** A place in a tool's output where text can appear: a string value, an object's keys, or any value at all. */
export interface TextField {
  /** Dotted, with `*` for every array element or record entry (as in `untrusted`). */
  readonly path: string;
  readonly kind: 'string' | 'keys' | 'any';
}

/** String formats that cannot carry prose: a value of these shapes cannot say anything to a reader. */
const CLOSED_FORMATS = new Set([
  'uuid',
  'guid',
  'datetime',
  'date',
  'time',
  'duration',
  'ipv4',
  'ipv6',
  'cidrv4',
  'cidrv6',
  'ulid',
  'cuid',
  'cuid2',
  'nanoid',
  'xid',
  'ksuid',
  'e164',
]);

interface SchemaDef {
  readonly type: string;
  readonly format?: string;
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly format?: string } } }[];
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly catchall?: Schema;
  readonly element?: Schema;
  readonly keyType?: Schema;
  readonly valueType?: Schema;
  readonly items?: readonly Schema[];
  readonly rest?: Schema | null;
  readonly options?: readonly Schema[];
  readonly left?: Schema;
  readonly right?: Schema;
  readonly innerType?: Schema;
  readonly out?: Schema;
  readonly getter?: () => Schema;
}
interface Schema {
  readonly _zod: { readonly def: SchemaDef };
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);
const NO_TEXT = new Set([
  'number',
  'int',
  'boolean',
  'bigint',
  'null',
  'undefined',
  'void',
  'never',
  'nan',
  'date',
  'enum',
  'literal',
  'symbol',
]);

function closedFormat(def: SchemaDef): boolean {
  if (def.format !== undefined && CLOSED_FORMATS.has(def.format)) return true;
  return (def.checks ?? []).some((check) => CLOSED_FORMATS.has(check._zod.def.format ?? ''));
}

/**
 * Every place a tool's output schema (zod) lets free text appear: string fields, the keys of records and
 * catch-all objects, and fields of any type (`z.unknown()`, a transform's result). Enums, literals and strings of
 * a closed format (uuid, date-time, IP address, …) hold no free text and are not listed.
 */
export function textFields(output: unknown): TextField[] {
  const fields = new Map<string, TextField>();
  const add = (path: readonly string[], kind: TextField['kind']) => {
    const field = { path: path.join('.'), kind };
    fields.set(`${kind}:${field.path}`, field);
  };
  // Walked with a stack. A schema met again inside itself (a recursive `lazy`) can hold text at any depth below:
  // it is listed as `any` there, so only a path at or above it can account for it.
  const stack: { schema: Schema; path: readonly string[]; within: readonly Schema[] }[] = [
    { schema: output as Schema, path: [], within: [] },
  ];
  while (stack.length > 0) {
    const { schema, path, within } = stack.pop() as (typeof stack)[number];
    if (within.includes(schema)) {
      add(path, 'any');
      continue;
    }
    const def = schema._zod.def;
    const push = (child: Schema | undefined | null, at: readonly string[] = path) => {
      if (child) stack.push({ schema: child, path: at, within: [...within, schema] });
    };
    if (def.type === 'string' || def.type === 'template_literal') {
      if (!closedFormat(def)) add(path, 'string');
    } else if (NO_TEXT.has(def.type)) {
      // no free text
    } else if (WRAPPERS.has(def.type)) {
      push(def.innerType);
    } else if (def.type === 'object') {
      for (const [name, child] of Object.entries(def.shape ?? {})) push(child, [...path, name]);
      const rest = def.catchall?._zod.def.type;
      if (rest !== undefined && rest !== 'never') {
        add([...path, '*'], 'keys');
        push(def.catchall, [...path, '*']);
      }
    } else if (def.type === 'record') {
      const keyType = def.keyType?._zod.def;
      if (keyType && !NO_TEXT.has(keyType.type) && !closedFormat(keyType)) add([...path, '*'], 'keys');
      push(def.valueType, [...path, '*']);
    } else if (def.type === 'array' || def.type === 'set') {
      push(def.element ?? def.valueType, [...path, '*']);
    } else if (def.type === 'tuple') {
      for (const item of def.items ?? []) push(item, [...path, '*']);
      push(def.rest, [...path, '*']);
    } else if (def.type === 'union') {
      for (const option of def.options ?? []) push(option);
    } else if (def.type === 'intersection') {
      push(def.left);
      push(def.right);
    } else if (def.type === 'pipe') {
      push(def.out);
    } else if (def.type === 'lazy' && def.getter) {
      push(def.getter());
    } else {
      // unknown, any, a transform's result, custom types: whatever they hold may be text, keys included.
      add(path, 'any');
    }
  }
  return [...fields.values()].sort((a, b) => a.path.localeCompare(b.path) || a.kind.localeCompare(b.kind));
}

/**
 * The problems (empty when none) with how a tool accounts for the text in its output: every text field must be
 * declared `untrusted` (third-party text, fenced) or listed in `trusted` with why the server writes it; every
 * path in either must name an output field, not both; every reason must say something.
 */
export function checkTextFields(def: ToolDefinition): string[] {
  const problems: string[] = [];
  const untrusted = (def.untrusted ?? []).map(parsePath);
  const trustedEntries = Object.entries(def.trusted ?? {});
  const trusted = trustedEntries.map(([path]) => parsePath(path));
  const fields = textFields(def.output);
  for (const field of fields) {
    const path = parsePath(field.path);
    // The keys of the object at `parent` are what `*` stands for at `path`.
    const parent = path.slice(0, -1);
    const isUntrusted =
      pathCovered(path, untrusted) || (field.kind === 'keys' && keysCovered(parent, untrusted));
    const isTrusted = pathCovered(path, trusted);
    if (isUntrusted || isTrusted) continue;
    const what =
      field.kind === 'keys'
        ? `the keys of "${parent.join('.') || '(output)'}"`
        : field.kind === 'any'
          ? `"${field.path}" (any value: text, or objects with text keys)`
          : `"${field.path}"`;
    problems.push(
      `output ${what} can hold text: declare it in untrusted if a third party can write it, or in trusted with why only the server writes it`,
    );
  }
  const names = (pattern: PathPattern) =>
    fields.some((field) => {
      const path = parsePath(field.path);
      return (
        pathCovered(path, [pattern]) ||
        (field.kind === 'any' && pathCovered(pattern as string[], [path])) ||
        (field.kind === 'keys' && keysCovered(path.slice(0, -1), [pattern]))
      );
    });
  for (const path of def.untrusted ?? []) {
    if (!names(parsePath(path))) problems.push(`untrusted path "${path}" names no text in the output schema`);
  }
  for (const [path, why] of trustedEntries) {
    const pattern = parsePath(path);
    if (!names(pattern)) problems.push(`trusted path "${path}" names no text in the output schema`);
    if (
      untrusted.some((u) => pathCovered(pattern as string[], [u]) || pathCovered(u as string[], [pattern]))
    ) {
      problems.push(`trusted path "${path}" is also declared untrusted`);
    }
    if (typeof why !== 'string' || why.trim().length < 3) {
      problems.push(`trusted path "${path}" needs a reason: why only the server writes this text`);
    }
  }
  return problems;
}
