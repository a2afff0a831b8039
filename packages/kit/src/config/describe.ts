import type { z } from 'zod';
import { envName } from './env.ts';
import { descriptionOf, isSensitive, typeLabel, wrappers } from './schema-facts.ts';

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
