/**
 * The structured half of redaction: a deep copy in which every string goes through text redaction and every
 * value under a sensitive field name becomes `[REDACTED:field]`, whatever its type.
 *
 * Values that cannot carry a secret are kept and not counted under a sensitive name: null, undefined, booleans
 * and the empty string (`"password": null` tells the model no password is set, which is useful and harmless).
 * Numbers are redacted (PINs, numeric passwords, SSNs stored as numbers). Object keys are kept as they are.
 * Name/value pair lists (`[{ "name": "DB_PASSWORD", "value": "…" }]`, as in Kubernetes env and AWS tags) are
 * treated as the field they describe.
 */

export interface ValueRedaction {
  readonly redactText: (text: string, counts: Record<string, number>) => string;
  readonly isSensitiveField: (name: string) => boolean;
  /** False when an operator disabled the `field` kind. */
  readonly fieldRule: boolean;
}

const FIELD_MARKER = '[REDACTED:field]';
const PAIR_NAME_KEYS = ['name', 'Name', 'key', 'Key'];
const PAIR_VALUE_KEYS = ['value', 'Value'];

function carriesData(value: unknown): boolean {
  return value !== null && value !== undefined && typeof value !== 'boolean' && value !== '';
}

function redactField(value: unknown, counts: Record<string, number>): unknown {
  if (!carriesData(value)) return value;
  counts.field = (counts.field ?? 0) + 1;
  return FIELD_MARKER;
}

/** Own keys may include `__proto__` (from JSON.parse); plain assignment would set the prototype instead. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The value key of a `{ name: <sensitive>, value: … }` pair, if `source` is one. */
function sensitivePairValueKey(source: Record<string, unknown>, r: ValueRedaction): string | undefined {
  for (const nameKey of PAIR_NAME_KEYS) {
    const name = source[nameKey];
    if (typeof name !== 'string' || !r.isSensitiveField(name)) continue;
    for (const valueKey of PAIR_VALUE_KEYS) if (Object.hasOwn(source, valueKey)) return valueKey;
  }
  return undefined;
}

export function redactDeep(value: unknown, counts: Record<string, number>, r: ValueRedaction): unknown {
  const ancestors = new Set<object>();

  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return r.redactText(v, counts);
    if (v === null || typeof v !== 'object') return v;
    if (ancestors.has(v)) return '[Circular]';
    const json = (v as { toJSON?: unknown }).toJSON;
    if (typeof json === 'function') return walk(json.call(v));
    ancestors.add(v);
    try {
      if (Array.isArray(v)) return v.map(walk);
      const source = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      const pairValueKey = r.fieldRule ? sensitivePairValueKey(source, r) : undefined;
      for (const key of Object.keys(source)) {
        const item = source[key];
        const sensitive = r.fieldRule && (key === pairValueKey || r.isSensitiveField(key));
        setOwn(out, key, sensitive ? redactField(item, counts) : walk(item));
      }
      return out;
    } finally {
      ancestors.delete(v);
    }
  };

  return walk(value);
}
