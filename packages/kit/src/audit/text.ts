import type { AuditRecord } from './record.ts';

/**
 * Caller-controlled strings (client name and version, actor, unknown tool, prompt and resource names, URIs, method
 * names, targets) made safe to record before they reach an audit record, a log line or a metric label:
 *
 * - well-formed: a lone UTF-16 surrogate becomes U+FFFD. PostgreSQL refuses `\ud800` in JSON, so one such client
 *   name once cost a call its audit row (and a write that ran was answered `audit_unavailable`);
 * - visible: control characters (C0, DEL, C1), line and paragraph separators and the bidi controls are written as
 *   `\uXXXX`, so a name cannot break a log line, end a terminal row, or reorder what a person reads;
 * - bounded: cut at `max` UTF-16 units (never inside a surrogate pair), marked with how much was cut.
 *
 * The common case (a short, clean string) is two scans and no allocation.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/** Bounds (UTF-16 units) for the fields of an audit record that a caller can influence. */
export const AUDIT_TEXT_BOUNDS = {
  /** Actor, client, tool/prompt/resource name, method, approval id. */
  name: 256,
  /** A target or a URI. */
  target: 1024,
  /** How many targets one record lists. */
  targets: 64,
} as const;

const visible = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function auditText(value: string, max: number): string {
  let text = value;
  if (!text.isWellFormed()) text = text.toWellFormed();
  if (HAS_UNSAFE.test(text)) text = text.replace(UNSAFE, visible);
  if (text.length <= max) return text;
  // Room for the marker `…(+N)`, N at most as long as the whole length.
  let end = Math.max(0, max - 4 - String(text.length).length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // never leave half a pair
  return `${text.slice(0, end)}…(+${text.length - end})`;
}

/** A list of targets, each bounded; past `AUDIT_TEXT_BOUNDS.targets` the middle is summarized, the last kept. */
export function auditTargets(values: readonly string[]): string[] {
  const bounded = values.map((v) => auditText(v, AUDIT_TEXT_BOUNDS.target));
  const max = AUDIT_TEXT_BOUNDS.targets;
  if (bounded.length <= max) return bounded;
  // The last target is kept: when a run-time check refused the call, it is the refused one.
  const dropped = bounded.length - (max - 1);
  return [...bounded.slice(0, max - 2), `…(+${dropped} more)`, bounded.at(-1) as string];
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * The record with every string it carries made safe (above), and its time in the one form that survives a round
 * trip through PostgreSQL unchanged (its hash depends on it). Returns the same object when nothing changes.
 */
export function safeAuditRecord<R extends AuditRecord>(record: R): R {
  if (SAFE_RECORDS.has(record)) return record;
  const { name: nameMax, target: targetMax } = AUDIT_TEXT_BOUNDS;
  let changed: Record<string, unknown> | undefined;
  const set = (key: string, value: unknown) => {
    changed ??= {};
    changed[key] = value;
  };
  for (const key of NAME_FIELDS) {
    const value = record[key];
    if (typeof value !== 'string') continue;
    const safe = auditText(value, nameMax);
    if (safe !== value) set(key, safe);
  }
  if (record.target !== undefined) {
    const safe = auditText(record.target, targetMax);
    if (safe !== record.target) set('target', safe);
  }
  if (record.targets !== undefined) {
    const safe = auditTargets(record.targets);
    if (safe.some((t, i) => t !== record.targets?.[i]) || safe.length !== record.targets.length)
      set('targets', safe);
  }
  if (!ISO_TIME.test(record.time)) {
    const time = new Date(record.time);
    set('time', Number.isNaN(time.getTime()) ? auditText(record.time, nameMax) : time.toISOString());
  }
  const safe = changed === undefined ? record : { ...record, ...(changed as Partial<R>) };
  SAFE_RECORDS.add(safe);
  return safe;
}

/**
 * Records this module made safe, so the chain does not check a record the pipeline already made safe (every call
 * builds one, then links it). Only the object itself counts: a copy with changed fields is checked again.
 */
const SAFE_RECORDS = new WeakSet<AuditRecord>();

/** Every other string field: short names, from the caller or from the kit. */
const NAME_FIELDS = [
  'actor',
  'via',
  'client',
  'server',
  'name',
  'version',
  'code',
  'inputDigest',
  'approvalId',
  'approver',
  'approvalChannel',
  'callId',
  'stream',
] as const satisfies readonly (keyof AuditRecord)[];
