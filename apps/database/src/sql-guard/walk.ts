/**
 * A generic walker over libpg-query's JSON parse tree. The tree wraps most nodes as `{ TypeName: {...} }`,
 * but some fields hold a node of a fixed type without the wrapper (SelectStmt.larg, .withClause, FuncCall.over,
 * RangeVar.alias...). The walker reports both kinds with their type so that no rule depends on knowing every
 * field: whatever the grammar adds later is still visited, and anything it does not recognise stays typed by
 * its wrapper so a deny-by-default rule can refuse it.
 */

export type AstFields = { readonly [field: string]: unknown };

export interface AstNode {
  readonly type: string;
  readonly fields: AstFields;
}

/** One step on the way down: the typed node passed through and the field of it that was followed. */
export interface AstStep {
  readonly node: AstNode;
  readonly field: string;
}

/** Called for every typed node; `ancestors` runs from the root to the parent and is only valid during the call. */
export type AstVisitor = (node: AstNode, ancestors: readonly AstStep[]) => void;

/** Fields whose value is a node of this type stored without the `{ Type: ... }` wrapper (see @pgsql/types). */
const UNWRAPPED_FIELD_TYPES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    larg: 'SelectStmt',
    rarg: 'SelectStmt',
    withClause: 'WithClause',
    intoClause: 'IntoClause',
    rel: 'RangeVar',
    relation: 'RangeVar',
    over: 'WindowDef',
    typeName: 'TypeName',
    alias: 'Alias',
    join_using_alias: 'Alias',
  }),
);

function isObject(value: unknown): value is AstFields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ SelectStmt: {...} }` → its type and fields; anything else → undefined. */
export function unwrapNode(value: unknown): AstNode | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const type = keys[0]!;
  const fields = value[type];
  if (!/^[A-Z]/.test(type) || !isObject(fields)) return undefined;
  return { type, fields };
}

/** The `sval`s of a list such as FuncCall.funcname or ColumnRef.fields; undefined entries for non-strings. */
export function stringList(list: unknown): (string | undefined)[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const node = unwrapNode(item);
    return node?.type === 'String' && typeof node.fields.sval === 'string' ? node.fields.sval : undefined;
  });
}

/** The list stored in a field, or an empty list. */
export function listField(fields: AstFields, field: string): readonly unknown[] {
  const value = fields[field];
  return Array.isArray(value) ? value : [];
}

/** The node stored in a field, whether wrapped or (for the fixed-type fields) not. */
export function nodeField(fields: AstFields, field: string): AstNode | undefined {
  const value = fields[field];
  const wrapped = unwrapNode(value);
  if (wrapped) return wrapped;
  const type = UNWRAPPED_FIELD_TYPES.get(field);
  return type !== undefined && isObject(value) ? { type, fields: value } : undefined;
}

/** Visit every typed node under `root` (a node, a wrapped node, a list, or the whole parse result), depth first. */
export function walkAst(root: unknown, visit: AstVisitor): void {
  const ancestors: AstStep[] = [];

  const descend = (value: unknown, field: string | undefined): void => {
    if (Array.isArray(value)) {
      for (const item of value) descend(item, field);
      return;
    }
    if (!isObject(value)) return;
    const wrapped = unwrapNode(value);
    if (wrapped) {
      enter(wrapped);
      return;
    }
    const type = field === undefined ? undefined : UNWRAPPED_FIELD_TYPES.get(field);
    if (type !== undefined) {
      enter({ type, fields: value });
      return;
    }
    // An untyped struct (e.g. A_Const's `ival: { ival: 1 }`): its contents belong to the same field.
    for (const [key, child] of Object.entries(value)) descend(child, key);
  };

  const enter = (node: AstNode): void => {
    visit(node, ancestors);
    for (const [field, child] of Object.entries(node.fields)) {
      if (typeof child !== 'object' || child === null) continue;
      ancestors.push({ node, field });
      descend(child, field);
      ancestors.pop();
    }
  };

  descend(root, undefined);
}

/** Every typed node under `root` in visiting order, with a copy of its ancestor path. */
export function collectNodes(root: unknown, type: string): { node: AstNode; ancestors: AstStep[] }[] {
  const found: { node: AstNode; ancestors: AstStep[] }[] = [];
  walkAst(root, (node, ancestors) => {
    if (node.type === type) found.push({ node, ancestors: [...ancestors] });
  });
  return found;
}
