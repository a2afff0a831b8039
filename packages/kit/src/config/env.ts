import { z } from 'zod';
import { defOf, wrappers } from './schema-facts.ts';

/** `fooBar` -> `${prefix}FOO_BAR`; acronyms stay together (`apiURL` -> `API_URL`). */
export function envName(prefix: string, key: string): string {
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2');
  return `${prefix}${snake.toUpperCase()}`;
}

type Coerced = { ok: true; value: unknown } | { ok: false };

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Turns an environment string into the value the schema expects; zod validates the result. */
export function coerceEnv(raw: string, schema: z.core.$ZodType): Coerced {
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
