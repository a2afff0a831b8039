import { hash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so equal values always serialise (and hash) the same.
 * Hand-rolled rather than a JSON.stringify replacer: it runs on every call.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return canonicalJson(JSON.parse(JSON.stringify(value)));
  const record = value as Record<string, unknown>;
  let out = '';
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined || typeof v === 'function') continue;
    out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

/** `sha256:<hex>` of the canonical JSON of a value: what audit records and approvals bind to. */
export function digest(value: unknown): string {
  // One-shot hash: no Hash object per call (it runs on every call).
  return `sha256:${hash('sha256', canonicalJson(value), 'hex')}`;
}
