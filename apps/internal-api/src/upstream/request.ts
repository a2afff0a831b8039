// One upstream request from a tool's validated input. This is where the base URL becomes a boundary: every path
// parameter is percent-encoded (so `../admin` or `a/b` stays inside its one segment), a value that is a dot
// segment is refused, query values are encoded (no `&admin=1` smuggled in), header values with line breaks or
// control characters are refused, and the finished URL must still sit on the base URL's origin and path prefix.
import { ErrorCode, ToolError } from '@gatehouse/kit';
import type { Method } from '../openapi/operations.ts';

/** Where each input field goes. */
export interface InputBinding {
  readonly field: string;
  readonly in: 'path' | 'query' | 'header' | 'body';
  /** The name upstream (the parameter's own name). */
  readonly name: string;
}

export interface UpstreamRequest {
  readonly method: Method;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body?: string | undefined;
}

/** Headers a document may not make a tool input: the server sets them, or they carry credentials. */
export const RESERVED_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'accept',
  'accept-encoding',
  'te',
  'upgrade',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
]);

const invalid = (field: string, rule: string) =>
  new ToolError(ErrorCode.InvalidInput, `Invalid input: ${field}: ${rule}.`);

/** True when `url` is on `base`'s origin and under its path (the base's path is a prefix of whole segments). */
export function withinBase(url: URL, base: URL): boolean {
  if (url.origin !== base.origin || url.username !== '' || url.password !== '') return false;
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return url.pathname === base.pathname || url.pathname.startsWith(prefix);
}

export function buildRequest(
  base: URL,
  method: Method,
  pathTemplate: string,
  bindings: readonly InputBinding[],
  input: Readonly<Record<string, unknown>>,
): UpstreamRequest {
  const byName = new Map(bindings.filter((b) => b.in === 'path').map((b) => [b.name, b]));
  const path = pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const binding = byName.get(name);
    const value = binding ? input[binding.field] : undefined;
    if (value === undefined || value === null) throw invalid(binding?.field ?? name, 'is required');
    return pathSegment(binding?.field ?? name, value);
  });
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`);
  const headers: Record<string, string> = {};
  let body: string | undefined;
  for (const binding of bindings) {
    const value = input[binding.field];
    if (value === undefined) continue;
    if (binding.in === 'query') appendQuery(url, binding.name, value);
    else if (binding.in === 'header') headers[binding.name] = headerValue(binding.field, value);
    else if (binding.in === 'body') body = JSON.stringify(value);
  }
  // The template and the encoding should make this impossible; checked anyway, because a URL that leaves the
  // base is the one mistake this server must never make.
  if (!withinBase(url, base)) throw invalid('path', `would leave the service's base URL ${base.href}`);
  return { method, url, headers, body };
}

function pathSegment(field: string, value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === '') throw invalid(field, 'must not be empty');
  // `.` and `..` are dot segments: a URL parser removes them, walking out of the path the operation names.
  if (text === '.' || text === '..') throw invalid(field, 'must not be "." or ".."');
  return encodeURIComponent(text);
}

function appendQuery(url: URL, name: string, value: unknown): void {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) url.searchParams.append(name, typeof v === 'string' ? v : JSON.stringify(v));
}

function headerValue(field: string, value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // A line break would start a header of the caller's choosing; other controls and non-Latin-1 text are not
  // valid in a header at all.
  if (/[^\t\x20-\x7e\x80-\xff]/.test(text)) {
    throw invalid(field, 'must not contain line breaks or control characters (it is sent as a header)');
  }
  return text;
}
