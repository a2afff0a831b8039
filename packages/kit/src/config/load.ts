import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';

/**
 * Settings shared by every server: each key of a zod object schema is read from the environment
 * (`${prefix}SCREAMING_SNAKE`), else from an optional JSON/YAML file (same keys as the schema), else the
 * schema's default. Environment values are strings; they are coerced to what the schema expects before
 * validation, so the schema stays the single description of a setting.
 */
export interface LoadConfigOptions {
  /** Defaults to `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Prefix of every variable, e.g. `GATEHOUSE_`; used as given (include the trailing underscore). */
  readonly prefix: string;
  /** Optional JSON or YAML file whose top-level keys are the schema's keys. */
  readonly file?: string;
}

export async function loadConfig<S extends z.ZodObject>(
  schema: S,
  options: LoadConfigOptions,
): Promise<z.infer<S>> {
  const env = options.env ?? process.env;
  const shape = schema.shape as Record<string, z.core.$ZodType>;
  const keys = Object.keys(shape);
  const problems: string[] = [];
  // Problems about a setting, by key, so they are reported in schema order whichever check found them.
  const settingProblems = new Map<string, string[]>();
  const problemFor = (key: string, text: string) => {
    const list = settingProblems.get(key);
    if (list === undefined) settingProblems.set(key, [text]);
    else list.push(text);
  };
  const fileValues = options.file === undefined ? {} : await readConfigFile(options.file);

  for (const key of Object.keys(fileValues)) {
    if (Object.hasOwn(shape, key)) continue;
    const suggestion = closestMatch(stripPrefix(key, options.prefix), keys);
    problems.push(
      `${JSON.stringify(key)} in ${options.file}: unknown setting` +
        (suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`),
    );
  }

  const input: Record<string, unknown> = {};
  const sources = new Map<string, { from: 'env' | 'file'; raw: unknown }>();
  const failedKeys = new Set<string>();
  for (const [key, field] of Object.entries(shape)) {
    const variable = envName(options.prefix, key);
    const raw = env[variable];
    // An empty variable counts as unset: templated deployments (`FOO=${FOO:-}`) produce them all the time.
    if (raw !== undefined && raw !== '') {
      sources.set(key, { from: 'env', raw });
      const coerced = coerceEnv(raw, field);
      if (coerced.ok) input[key] = coerced.value;
      else {
        failedKeys.add(key);
        problemFor(
          key,
          `${label(key, 'env', options)}: expected ${expectation(field, true)}, got ${show(key, field, raw)}`,
        );
      }
    } else if (Object.hasOwn(fileValues, key)) {
      sources.set(key, { from: 'file', raw: fileValues[key] });
      input[key] = fileValues[key];
    }
  }

  const result = await schema.safeParseAsync(input);
  if (!result.success) {
    const reported = new Set<string>();
    for (const issue of result.error.issues) {
      const [head, ...rest] = issue.path;
      const key = typeof head === 'string' && Object.hasOwn(shape, head) ? head : undefined;
      if (key === undefined) {
        problems.push(issue.message);
        continue;
      }
      if (failedKeys.has(key)) continue;
      const id = `${key}\u0000${rest.join('.')}`;
      if (reported.has(id)) continue;
      reported.add(id);
      problemFor(key, issueProblem(issue, key, shape[key] as z.core.$ZodType, sources.get(key), options));
    }
  }

  for (const key of keys) problems.push(...(settingProblems.get(key) ?? []));
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

/** One line for a zod issue about a setting, naming where the value came from (or could be set). */
function issueProblem(
  issue: z.core.$ZodIssue,
  key: string,
  field: z.core.$ZodType,
  source: { from: 'env' | 'file'; raw: unknown } | undefined,
  options: LoadConfigOptions,
): string {
  const where = label(key, source?.from ?? 'env', options);
  const subpath = issue.path.slice(1).join('.');
  if (source === undefined) {
    return issue.code === 'invalid_type' ? `${where}: required but not set` : `${where}: ${issue.message}`;
  }
  if (subpath !== '') return `${where} at ${subpath}: ${issue.message}`;
  const got = show(key, field, source.raw);
  if (issue.code === 'custom') return `${where}: ${issue.message}, got ${got}`;
  return `${where}: expected ${expectation(field, source.from === 'env')}, got ${got}`;
}

/** `fooBar` -> `${prefix}FOO_BAR`; acronyms stay together (`apiURL` -> `API_URL`). */
export function envName(prefix: string, key: string): string {
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2');
  return `${prefix}${snake.toUpperCase()}`;
}

export interface SettingDescription {
  readonly env: string;
  readonly key: string;
  /** Compact type for a table, e.g. `integer (1-65535)`, `list of string`, `one of: json, text`. */
  readonly type: string;
  /** The default as it would be written in the environment; undefined when there is none. */
  readonly default: string | undefined;
  readonly description: string | undefined;
  readonly required: boolean;
}

/** One row per setting, for the README's configuration table. */
export function describeSettings(schema: z.ZodObject, prefix: string): SettingDescription[] {
  return Object.entries(schema.shape as Record<string, z.core.$ZodType>).map(([key, field]) => {
    const { hasDefault, defaultValue, optional } = wrappers(field);
    return {
      env: envName(prefix, key),
      key,
      type: typeLabel(field),
      default: hasDefault && !isSensitive(key, field) ? envForm(defaultValue) : undefined,
      description: descriptionOf(field),
      required: !hasDefault && !optional,
    };
  });
}

/**
 * The candidate closest to `word` (case, `_` and `-` ignored), or undefined when none is close enough to be
 * a plausible typo. Used for "did you mean" hints.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const normal = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  const target = normal(word);
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(target.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(target, normal(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance: edits plus adjacent swaps, the commonest typo (`prot` for `port`). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] as number;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

async function readConfigFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new ConfigError([`${file}: cannot read the config file (${reason})`]);
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new ConfigError(document.errors.map((e) => `${file}: ${firstLine(e.message)}`));
  }
  const value: unknown = document.toJS();
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError([`${file}: expected a mapping of setting names to values at the top level`]);
  }
  return value as Record<string, unknown>;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/:$/, '');
}

function stripPrefix(key: string, prefix: string): string {
  return key.toUpperCase().startsWith(prefix.toUpperCase()) ? key.slice(prefix.length) : key;
}

/** The place named first is where the bad value came from; the other is where it could also be set. */
function label(key: string, from: 'env' | 'file', options: LoadConfigOptions): string {
  const variable = envName(options.prefix, key);
  if (options.file === undefined) return variable;
  const fileKey = `${JSON.stringify(key)} in ${options.file}`;
  return from === 'file' ? `${fileKey} (or ${variable})` : `${variable} (or ${fileKey})`;
}

function show(key: string, field: z.core.$ZodType, value: unknown): string {
  if (isSensitive(key, field)) return 'a value that is not shown (secret setting)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// Secrets must not end up in start-up logs, even when they are malformed.
const SENSITIVE_KEY = /secret|passw|token|credential|private|key$|dsn|connectionstring|databaseurl/i;

function isSensitive(key: string, field: z.core.$ZodType): boolean {
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

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;
const checksOf = (schema: z.core.$ZodType): CheckDef[] =>
  (defOf(schema).checks ?? []).map((c) => c._zod.def as unknown as CheckDef);

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** Peels optional/default/nullable/... (and a pipe's input side) down to the type a value is written as. */
function wrappers(schema: z.core.$ZodType): {
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

function descriptionOf(schema: z.core.$ZodType): string | undefined {
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

// Values that cannot be written as comma-separated items.
const STRUCTURED = new Set(['object', 'record', 'array', 'tuple', 'map']);

type Coerced = { ok: true; value: unknown } | { ok: false };

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Turns an environment string into the value the schema expects; zod validates the result. */
function coerceEnv(raw: string, schema: z.core.$ZodType): Coerced {
  const { inner } = wrappers(schema);
  const def = defOf(inner);
  const text = raw.trim();
  switch (def.type) {
    case 'number':
      return NUMBER.test(text) ? { ok: true, value: Number(text) } : { ok: false };
    case 'bigint':
      return /^[-+]?\d+$/.test(text) ? { ok: true, value: BigInt(text) } : { ok: false };
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === '1') return { ok: true, value: true };
      if (lower === 'false' || lower === '0') return { ok: true, value: false };
      return { ok: false };
    }
    case 'literal': {
      const match = def.values?.find((v) => String(v) === text);
      return match === undefined ? { ok: true, value: raw } : { ok: true, value: match };
    }
    case 'enum': {
      const match = Object.values(def.entries ?? {}).find((v) => String(v) === text);
      return match === undefined ? { ok: true, value: raw } : { ok: true, value: match };
    }
    case 'date': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? { ok: false } : { ok: true, value: date };
    }
    case 'null':
      return text === 'null' ? { ok: true, value: null } : { ok: false };
    case 'array':
      return coerceList(text, def.element);
    case 'object':
    case 'record':
    case 'tuple': {
      const parsed = parseJson(text);
      if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') return { ok: false };
      return Array.isArray(parsed.value) === (def.type === 'tuple') ? parsed : { ok: false };
    }
    case 'union':
      for (const option of def.options ?? []) {
        const coerced = coerceEnv(raw, option);
        if (coerced.ok && z.safeParse(option, coerced.value).success) return coerced;
      }
      return { ok: true, value: raw };
    default:
      return { ok: true, value: raw };
  }
}

/** A JSON array, or comma-separated items (blank items dropped), each coerced as the element type. */
function coerceList(text: string, element: z.core.$ZodType | undefined): Coerced {
  if (text.startsWith('[')) {
    const parsed = parseJson(text);
    return parsed.ok && Array.isArray(parsed.value) ? parsed : { ok: false };
  }
  const items: unknown[] = [];
  for (const item of text.split(',')) {
    const trimmed = item.trim();
    if (trimmed === '') continue;
    if (element === undefined) items.push(trimmed);
    else {
      const coerced = coerceEnv(trimmed, element);
      if (!coerced.ok) return { ok: false };
      items.push(coerced.value);
    }
  }
  return { ok: true, value: items };
}

function parseJson(text: string): Coerced {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
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
function expectation(schema: z.core.$ZodType, forEnv: boolean): string {
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
function typeLabel(schema: z.core.$ZodType): string {
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

/** A default written the way the environment would take it. */
function envForm(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v !== 'object' || v === null)) {
    return value.join(',');
  }
  if (value instanceof Date) return value.toISOString();
  return (
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value)
  );
}
