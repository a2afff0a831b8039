import { z } from 'zod';

// Values that cannot be written as comma-separated items.
export const STRUCTURED = new Set(['object', 'record', 'array', 'tuple', 'map']);

// Secrets must not end up in start-up logs, even when they are malformed.
const SENSITIVE_KEY = /secret|passw|token|credential|private|key$|dsn|connectionstring|databaseurl/i;

export function isSensitive(key: string, field: z.core.$ZodType): boolean {
  return SENSITIVE_KEY.test(key) || metaOf(field)?.sensitive === true;
}

// ---- zod 4 introspection -------------------------------------------------------------------------------

interface Def {
  readonly type: string;
  readonly innerType?: z.core.$ZodType;
  readonly in?: z.core.$ZodType;
  readonly element?: z.core.$ZodType;
  readonly options?: readonly z.core.$ZodType[];
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
  readonly checks?: readonly z.core.$ZodCheck[];
  readonly format?: string;
  readonly defaultValue?: unknown;
  readonly getter?: () => z.core.$ZodType;
}

interface CheckDef {
  readonly check: string;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
  readonly format?: string;
}

export const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;
const checksOf = (schema: z.core.$ZodType): CheckDef[] =>
  (defOf(schema).checks ?? []).map((c) => c._zod.def as unknown as CheckDef);

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** Peels optional/default/nullable/... (and a pipe's input side) down to the type a value is written as. */
export function wrappers(schema: z.core.$ZodType): {
  inner: z.core.$ZodType;
  optional: boolean;
  nullable: boolean;
  hasDefault: boolean;
  defaultValue: unknown;
} {
  let inner = schema;
  let optional = false;
  let nullable = false;
  let hasDefault = false;
  let defaultValue: unknown;
  for (let depth = 0; depth < 32; depth++) {
    const def = defOf(inner);
    if (def.type === 'optional') optional = true;
    if (def.type === 'nullable') nullable = true;
    if ((def.type === 'default' || def.type === 'prefault') && !hasDefault) {
      hasDefault = true;
      defaultValue = def.defaultValue;
    }
    if (WRAPPERS.has(def.type) && def.innerType !== undefined) inner = def.innerType;
    else if (def.type === 'pipe' && def.in !== undefined) inner = def.in;
    else if (def.type === 'lazy' && def.getter !== undefined) inner = def.getter();
    else break;
  }
  return { inner, optional, nullable, hasDefault, defaultValue };
}

export function descriptionOf(schema: z.core.$ZodType): string | undefined {
  let current: z.core.$ZodType | undefined = schema;
  for (let depth = 0; current !== undefined && depth < 32; depth++) {
    const description = z.globalRegistry.get(current)?.description;
    if (description !== undefined) return description;
    const def = defOf(current);
    current = WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined;
  }
  return undefined;
}

function metaOf(schema: z.core.$ZodType): Record<string, unknown> | undefined {
  return z.globalRegistry.get(schema) as Record<string, unknown> | undefined;
}

interface NumberFacts {
  integer: boolean;
  min?: { value: number; inclusive: boolean };
  max?: { value: number; inclusive: boolean };
}

function numberFacts(schema: z.core.$ZodType): NumberFacts {
  const facts: NumberFacts = { integer: false };
  const formats = [defOf(schema).format, ...checksOf(schema).map((c) => c.format)];
  if (formats.some((f) => f === 'safeint' || f === 'int32' || f === 'uint32')) facts.integer = true;
  if (formats.includes('uint32')) facts.min = { value: 0, inclusive: true };
  for (const check of checksOf(schema)) {
    if (check.value === undefined) continue;
    const bound = { value: check.value, inclusive: check.inclusive ?? true };
    if (check.check === 'greater_than' && (facts.min === undefined || bound.value >= facts.min.value)) {
      facts.min = bound;
    }
    if (check.check === 'less_than' && (facts.max === undefined || bound.value <= facts.max.value)) {
      facts.max = bound;
    }
  }
  return facts;
}

function rangeText({ min, max }: NumberFacts): string {
  if (min?.inclusive && max?.inclusive) return ` between ${min.value} and ${max.value}`;
  const parts: string[] = [];
  if (min) parts.push(`${min.inclusive ? 'of at least' : 'greater than'} ${min.value}`);
  if (max)
    parts.push(
      `${max.inclusive ? (min?.inclusive === false ? 'at most' : 'of at most') : 'less than'} ${max.value}`,
    );
  return parts.length === 0 ? '' : ` ${parts.join(' and ')}`;
}

function stringFacts(schema: z.core.$ZodType): { format?: string; min?: number; max?: number } {
  const format = defOf(schema).format;
  const facts: { format?: string; min?: number; max?: number } = format === undefined ? {} : { format };
  for (const check of checksOf(schema)) {
    if (check.check === 'min_length') facts.min = check.minimum;
    if (check.check === 'max_length') facts.max = check.maximum;
    if (check.check === 'length_equals') facts.min = facts.max = check.length;
  }
  return facts;
}

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  url: 'a URL',
  email: 'an email address',
  uuid: 'a UUID',
  guid: 'a GUID',
  datetime: 'an ISO 8601 date-time',
  date: 'an ISO 8601 date',
  duration: 'an ISO 8601 duration',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  regex: 'a string matching the expected pattern',
};

/** What a value must be, as a phrase for error messages ("an integer between 1 and 65535"). */
export function expectation(schema: z.core.$ZodType, forEnv: boolean): string {
  const { inner, nullable } = wrappers(schema);
  const def = defOf(inner);
  const base = ((): string => {
    switch (def.type) {
      case 'number': {
        const facts = numberFacts(inner);
        return `${facts.integer ? 'an integer' : 'a number'}${rangeText(facts)}`;
      }
      case 'bigint':
        return 'an integer';
      case 'boolean':
        return forEnv ? 'true or false (or 1 or 0)' : 'true or false';
      case 'string': {
        const { format, min, max } = stringFacts(inner);
        if (format !== undefined) return FORMAT_NAMES[format] ?? `a ${format} string`;
        if (min !== undefined && max !== undefined) return `a string of ${min} to ${max} characters`;
        if (min === 1) return 'a non-empty string';
        if (min !== undefined) return `a string of at least ${min} characters`;
        if (max !== undefined) return `a string of at most ${max} characters`;
        return 'a string';
      }
      case 'enum':
        return `one of ${Object.values(def.entries ?? {})
          .map((v) => JSON.stringify(v))
          .join(', ')}`;
      case 'literal':
        return (def.values ?? []).map((v) => JSON.stringify(v)).join(' or ');
      case 'date':
        return 'a date (ISO 8601)';
      case 'array': {
        const element = def.element === undefined ? 'values' : plural(expectation(def.element, false));
        if (!forEnv) return `a list of ${element}`;
        const structured =
          def.element !== undefined && STRUCTURED.has(defOf(wrappers(def.element).inner).type);
        return structured
          ? `a JSON array of ${element}`
          : `a comma-separated list (or a JSON array) of ${element}`;
      }
      case 'object':
      case 'record':
        return forEnv ? 'a JSON object' : 'a mapping';
      case 'tuple':
        return forEnv ? 'a JSON array' : 'a list';
      case 'union':
        return (def.options ?? []).map((o) => expectation(o, forEnv)).join(' or ');
      default:
        return 'a valid value';
    }
  })();
  return nullable ? `${base} or null` : base;
}

function plural(phrase: string): string {
  return phrase.replace(/^(a|an) (\w+)/, '$2s');
}

/** The compact type shown in a settings table. */
export function typeLabel(schema: z.core.$ZodType): string {
  const { inner } = wrappers(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'number': {
      const facts = numberFacts(inner);
      const name = facts.integer ? 'integer' : 'number';
      if (facts.min?.inclusive && facts.max?.inclusive)
        return `${name} (${facts.min.value}-${facts.max.value})`;
      const range = rangeText(facts).trim().replace(/^of /, '');
      return range === '' ? name : `${name} (${range})`;
    }
    case 'string': {
      const { format } = stringFacts(inner);
      return format === undefined || format === 'regex' ? 'string' : `string (${format})`;
    }
    case 'enum':
      return `one of: ${Object.values(def.entries ?? {}).join(', ')}`;
    case 'literal':
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(' or ');
    case 'array':
      return `list of ${def.element === undefined ? 'values' : typeLabel(def.element)}`;
    case 'object':
    case 'record':
      return 'JSON object';
    case 'union':
      return (def.options ?? []).map(typeLabel).join(' or ');
    default:
      return def.type;
  }
}
