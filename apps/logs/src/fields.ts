import { z } from 'zod';
import { type LogEntry, levelOf, timeOf } from './entry.ts';
import { embeddedLogfmt } from './logfmt.ts';

const fieldPath = z
  .string()
  .regex(/^[A-Za-z_@][A-Za-z0-9_@.-]{0,99}$/, 'expected a field name or dotted path, e.g. service.name');

/** Where each field lives in a source's documents. ECS names by default; every key can be overridden. */
export const FieldMappingSchema = z.strictObject({
  timestamp: fieldPath.default('@timestamp'),
  level: fieldPath.default('log.level'),
  service: fieldPath.default('service.name'),
  message: fieldPath.default('message'),
  traceId: fieldPath.default('trace.id'),
  errorType: fieldPath.default('error.type'),
  stack: fieldPath.default('error.stack_trace'),
});
export type FieldMapping = z.infer<typeof FieldMappingSchema>;
export const ECS_FIELDS: FieldMapping = FieldMappingSchema.parse({});

/**
 * Names the common JSON loggers use when a line lacks the mapped one: pino and bunyan (`time`, `msg`, `name`,
 * numeric `level`), ECS, and the usual spellings of a request or trace id. Tried only after the mapping.
 */
const FALLBACKS: Readonly<Record<keyof FieldMapping, readonly string[]>> = {
  timestamp: ['@timestamp', 'time', 'timestamp', 'ts'],
  level: ['log.level', 'level', 'severity', 'lvl'],
  service: ['service.name', 'service', 'name', 'app'],
  // `log`: a container runtime's JSON envelope (Docker's json-file driver).
  message: ['message', 'msg', 'log'],
  traceId: ['trace.id', 'traceId', 'trace_id', 'reqId', 'req_id', 'requestId', 'request_id'],
  errorType: ['error.type', 'err.type', 'error.name', 'err.name', 'err'],
  stack: ['error.stack_trace', 'err.stack', 'error.stack', 'stack'],
};

/** The parts of each dotted path, split once: every line of a scan reads the same few dozen paths. */
const PATH_PARTS = new Map<string, readonly string[]>();
const MAX_PATHS = 1_000;

function partsOf(path: string): readonly string[] {
  let parts = PATH_PARTS.get(path);
  if (parts === undefined) {
    parts = path.split('.');
    if (PATH_PARTS.size < MAX_PATHS) PATH_PARTS.set(path, parts);
  }
  return parts;
}

/** A dotted path read as nested objects (`service.name` → {service:{name}}) or as one flat dotted key. */
export function fieldValue(doc: Record<string, unknown>, path: string): unknown {
  if (path in doc) return doc[path];
  const parts = partsOf(path);
  if (parts.length === 1) return undefined;
  let value: unknown = doc;
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function pick(doc: Record<string, unknown>, mapping: FieldMapping, key: keyof FieldMapping): unknown {
  const mapped = fieldValue(doc, mapping[key]);
  if (mapped !== undefined) return mapped;
  for (const path of FALLBACKS[key]) {
    const value = fieldValue(doc, path);
    if (value !== undefined) return value;
  }
  return undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/**
 * A log entry from one JSON document (a file's NDJSON line or an index's `_source`); undefined when it has no
 * readable timestamp, since a line that cannot be placed in time cannot be searched by time either. A message
 * that is itself logfmt (`level=error msg="…" trace_id=…`) is read too: its pairs fill what the document lacks
 * (the document's own fields win), and its `msg` becomes the message.
 */
export function entryFromDocument(
  doc: Record<string, unknown>,
  mapping: FieldMapping,
  origin: string,
  extraFields: readonly string[] = [],
): LogEntry | undefined {
  const raw = text(pick(doc, mapping, 'message'));
  const inner = raw !== undefined ? embeddedLogfmt(raw) : undefined;
  const read = inner
    ? (key: keyof FieldMapping) => pick(doc, mapping, key) ?? pick(inner, mapping, key)
    : (key: keyof FieldMapping) => pick(doc, mapping, key);
  const time = timeOf(read('timestamp'));
  if (time === undefined) return undefined;
  const level = levelOf(read('level'));
  const service = text(read('service'));
  const traceId = text(read('traceId'));
  const errorType = text(read('errorType'));
  const stack = text(read('stack'));
  let fields: Record<string, string> | undefined;
  for (const name of extraFields) {
    const value = text(fieldValue(doc, name)) ?? (inner ? inner[name] : undefined);
    if (value === undefined) continue;
    fields ??= {};
    fields[name] = value;
  }
  const message = inner ? (text(pick(inner, mapping, 'message')) ?? raw) : raw;
  return {
    time,
    message: message ?? '',
    origin,
    ...(level ? { level } : {}),
    ...(service !== undefined ? { service } : {}),
    ...(traceId !== undefined ? { traceId } : {}),
    ...(errorType !== undefined ? { errorType } : {}),
    ...(stack !== undefined ? { stack } : {}),
    ...(fields ? { fields } : {}),
  };
}
