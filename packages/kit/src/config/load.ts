import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { closestMatch } from './closest-match.ts';
import { coerceEnv, envName } from './env.ts';
import { expectation, isSensitive } from './schema-facts.ts';

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
