// The part of a document that some operations use: their path items (with only those methods), the document's
// small top-level fields (version, servers), and every object their `$ref`s reach, each at the same JSON pointer as
// in the document, so the references read the same. GitHub's description is 13 MB; what twenty operations reach is
// a few hundred kB. The description cache (description-cache.ts) keeps it, so a later start builds the same tools
// without reading the whole document.
import { METHODS, type Operation } from './operations.ts';
import type { JsonSchema } from './schema-zod.ts';

/** Top-level fields holding every operation or reusable object: only what the operations reach is kept of them. */
const CONTAINERS = new Set(['paths', 'components', 'definitions', 'parameters', 'responses', 'webhooks']);

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON pointer of a local `$ref` (`#/components/schemas/a~1b`) as its tokens; undefined for anything else. */
export function pointerTokens(ref: string): string[] | undefined {
  if (ref === '#') return [];
  if (!ref.startsWith('#/')) return undefined;
  try {
    return ref
      .slice(2)
      .split('/')
      .map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'));
  } catch {
    return undefined;
  }
}

/**
 * The document cut to what `operations` reach; undefined when a reference cannot be copied here (a pointer through
 * another reference, or into a list), so the caller keeps the whole document and behaves exactly as without it.
 */
export function pruneDocument(doc: JsonSchema, operations: readonly Operation[]): JsonSchema | undefined {
  const pruned: JsonSchema = {};
  for (const [key, value] of Object.entries(doc)) if (!CONTAINERS.has(key)) pruned[key] = value;
  const paths: JsonSchema = {};
  pruned.paths = paths;
  const source = doc.paths as JsonSchema;
  const reached: unknown[] = [];
  for (const operation of operations) {
    const item = source[operation.path] as JsonSchema;
    let kept = paths[operation.path] as JsonSchema | undefined;
    if (kept === undefined) {
      kept = {};
      for (const [key, value] of Object.entries(item)) {
        if ((METHODS as readonly string[]).includes(key)) continue;
        kept[key] = value;
        reached.push(value);
      }
      paths[operation.path] = kept;
    }
    kept[operation.method] = item[operation.method];
    reached.push(item[operation.method]);
  }
  const copied = new Set<string>();
  while (reached.length > 0) {
    const value = reached.pop();
    if (Array.isArray(value)) {
      reached.push(...value);
      continue;
    }
    if (!isObject(value)) continue;
    const ref = value.$ref;
    if (typeof ref === 'string' && ref.startsWith('#') && !copied.has(ref)) {
      copied.add(ref);
      const target = copyPointer(doc, pruned, ref);
      if (target === false) return undefined;
      reached.push(target);
    }
    for (const child of Object.values(value))
      if (typeof child === 'object' && child !== null) reached.push(child);
  }
  return pruned;
}

/** Copies what `ref` points at in `doc` to the same place in `pruned`; false when that cannot be done faithfully. */
function copyPointer(doc: JsonSchema, pruned: JsonSchema, ref: string): unknown {
  const tokens = pointerTokens(ref);
  if (tokens === undefined || tokens.length === 0) return false;
  let from: unknown = doc;
  let to: JsonSchema = pruned;
  for (const [i, token] of tokens.entries()) {
    // A pointer through another reference is resolved by the parser's own rules: not imitated here.
    if (!isObject(from) || typeof from.$ref === 'string' || !Object.hasOwn(from, token)) return false;
    from = from[token];
    if (i === tokens.length - 1) {
      to[token] = from;
      return from;
    }
    if (!isObject(from)) return false; // into a list: not copied piecemeal
    if (!Object.hasOwn(to, token)) to[token] = {};
    const next = to[token];
    if (!isObject(next)) return false;
    to = next;
  }
  return false;
}
