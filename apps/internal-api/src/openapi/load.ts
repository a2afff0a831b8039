// Reads an OpenAPI 3.0 / 3.1 or Swagger 2.0 document from a file or a URL and resolves its `$ref`s with a maintained
// parser (@apidevtools/json-schema-ref-parser). References are followed lazily, only where an allowlisted
// operation needs them: GitHub's description holds 1,223 operations, and dereferencing all of it costs seconds
// where resolving the few an allowlist names costs milliseconds. External references (another file, another
// host) are never fetched: a `$ref` outside the document is reported for the operation that uses it.
import { readFile } from 'node:fs/promises';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { parse as parseYaml } from 'yaml';
import type { Fetch } from '../upstream/tls-fetch.ts';
import { type JsonSchema, SchemaError } from './schema-zod.ts';

export interface LoadedSpec {
  /** Where it came from, for messages. */
  readonly source: string;
  readonly doc: JsonSchema;
  /** 2 (Swagger) or 3 (OpenAPI 3.0 and 3.1). */
  readonly major: 2 | 3;
  /** Follows `$ref`s inside the document (chains too); a reference it cannot follow throws SchemaError. */
  readonly resolve: (value: JsonSchema) => JsonSchema;
}

export class SpecError extends Error {}

const MAX_REF_HOPS = 32;

export interface LoadOptions {
  /** Largest document read, in bytes (a file or a URL). */
  readonly maxBytes: number;
  /** Deadline for reading a URL. */
  readonly timeoutMs: number;
  /** The service's fetch, when its document is behind the same TLS settings (mTLS) as its API. */
  readonly fetch?: Fetch;
}

export async function loadSpec(source: string, options: LoadOptions): Promise<LoadedSpec> {
  const text = /^https?:\/\//i.test(source)
    ? await fetchText(source, options)
    : await readText(source, options);
  return parseSpec(text, source);
}

/** A document already in memory (the embedded demo, tests). */
export async function parseSpec(text: string, source: string): Promise<LoadedSpec> {
  let doc: unknown;
  try {
    // JSON is YAML too, but JSON.parse reads a 10 MB description several times faster.
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new SpecError(`${source} is neither JSON nor YAML: ${(error as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new SpecError(`${source} is not an OpenAPI document (expected an object at the top)`);
  }
  return specFromDocument(doc as JsonSchema, source);
}

/** A document already parsed (the description cache's cut of one). */
export async function specFromDocument(root: JsonSchema, source: string): Promise<LoadedSpec> {
  const major = versionOf(root, source);
  if (typeof root.paths !== 'object' || root.paths === null) {
    throw new SpecError(`${source} has no "paths": nothing to expose`);
  }
  const parser = new $RefParser();
  const refs = await parser.resolve(root as never, { resolve: { external: false } });
  // The parser's lookup costs about 80 µs (it re-parses the pointer as a URL each time); GitHub's description asks
  // for the same few hundred references thousands of times at start.
  const found = new Map<string, unknown>();
  const resolve = (value: JsonSchema): JsonSchema => {
    let current = value;
    for (let hop = 0; typeof current.$ref === 'string'; hop++) {
      const ref = current.$ref;
      if (hop >= MAX_REF_HOPS) throw new SchemaError(`$ref chain from ${String(value.$ref)} is too long`);
      if (!ref.startsWith('#')) {
        throw new SchemaError(`$ref "${ref}" points outside the document (external references are off)`);
      }
      let next: unknown = found.get(ref);
      if (next === undefined && !found.has(ref)) {
        try {
          next = refs.get(ref);
        } catch {
          next = undefined;
        }
        found.set(ref, next);
      }
      if (typeof next !== 'object' || next === null) throw new SchemaError(`$ref "${ref}" points at nothing`);
      current = next as JsonSchema;
    }
    return current;
  };
  return { source, doc: root, major, resolve };
}

function versionOf(doc: JsonSchema, source: string): 2 | 3 {
  if (typeof doc.openapi === 'string') {
    if (/^3\.[01]\./.test(doc.openapi)) return 3;
    throw new SpecError(`${source} is OpenAPI ${doc.openapi}; supported: 3.0, 3.1 and Swagger 2.0`);
  }
  if (doc.swagger === '2.0') return 2;
  throw new SpecError(`${source} names no "openapi" (3.0 / 3.1) or "swagger" ("2.0") version`);
}

async function readText(file: string, options: LoadOptions): Promise<string> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    throw new SpecError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (buffer.byteLength > options.maxBytes) {
    throw new SpecError(`${file} is ${buffer.byteLength} bytes; the limit is ${options.maxBytes}`);
  }
  return buffer.toString('utf8');
}

async function fetchText(url: string, options: LoadOptions): Promise<string> {
  let response: Response;
  try {
    // No redirects: the operator named this URL, not wherever it points next.
    response = await (options.fetch ?? fetch)(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    // fetch's own message is "fetch failed"; what failed (refused, TLS, timeout) is in its cause.
    const cause = (error as Error).cause as NodeJS.ErrnoException | undefined;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new SpecError(`cannot fetch ${url}: ${(error as Error).message} (${why})`);
  }
  if (!response.ok) throw new SpecError(`cannot fetch ${url}: HTTP ${response.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > options.maxBytes) throw new SpecError(`${url} is larger than ${options.maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
