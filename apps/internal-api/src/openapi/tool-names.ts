// Tool names from operationIds: snake_case, 2-64 characters, unique within the server. `listPetsByTag` becomes
// `list_pets_by_tag`; an operation without an id is named from its method and path (`get_orders_order_id`).
import type { Operation } from './operations.ts';

const MAX = 64;

export function snakeCase(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const named = /^[a-z]/.test(words) ? words : `op_${words}`;
  return named.slice(0, MAX).replace(/_+$/, '');
}

export function baseToolName(operation: Operation): string {
  const raw = operation.operationId ?? `${operation.method} ${operation.path.replace(/[{}]/g, '')}`;
  const name = snakeCase(raw);
  return name.length >= 2 ? name : `${name}_op`;
}

/** Picks a unique name: the wanted one, else `<prefix>_<wanted>`, else a numbered one; records it in `taken`. */
export function uniqueName(wanted: string, prefix: string, taken: Set<string>): string {
  const candidates = [wanted, snakeCase(`${prefix}_${wanted}`)];
  for (let n = 2; candidates.length < 100; n++) {
    const suffix = `_${n}`;
    candidates.push(`${wanted.slice(0, MAX - suffix.length)}${suffix}`);
  }
  const name = candidates.find((c) => !taken.has(c)) as string;
  taken.add(name);
  return name;
}
