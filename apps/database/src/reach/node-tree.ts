/**
 * Reads PostgreSQL's `pg_node_tree` text (pg_rewrite.ev_action, pg_proc.prosqlbody, pg_policy.polqual): the
 * analysed query trees of views, SQL function bodies and policies, with every name already resolved to an oid.
 * The format (src/backend/nodes/outfuncs.c, read.c): `{NODETYPE :field value ...}` for nodes, `( ... )` for
 * lists (`(i 1 2)`, `(o 25)`, `(b 8 9)` for integer, oid and bitmap lists), `<>` for null, and datums written
 * as `<length> [ b0 b1 ... ]`. Only the parts the server reads are interpreted; the rest is kept as tokens.
 */

export type TreeValue = TreeNode | TreeValue[] | string | number | boolean | null | readonly number[];

export interface TreeNode {
  readonly node: string;
  readonly [field: string]: TreeValue;
}

/** Splits the text into tokens: ( ) { } are tokens by themselves; a backslash escapes the next character. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '{' || c === '}') {
      tokens.push(c);
      i++;
      continue;
    }
    let token = '';
    while (i < text.length) {
      const d = text[i]!;
      if (d === ' ' || d === '\n' || d === '\t' || d === '\r' || '(){}'.includes(d)) break;
      if (d === '\\' && i + 1 < text.length) {
        // Keep the escape: it tells a literal token apart from a special one (`\<>` vs `<>`).
        token += d + text[i + 1];
        i += 2;
        continue;
      }
      token += d;
      i++;
    }
    tokens.push(token);
  }
  return tokens;
}

function withoutEscapes(token: string): string {
  return token.replace(/\\(.)/g, '$1');
}

function atom(token: string): TreeValue {
  if (token === '<>') return null;
  if (token === 'true') return true;
  if (token === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  if (token.length >= 2 && token.startsWith('"') && token.endsWith('"'))
    return withoutEscapes(token.slice(1, -1));
  return withoutEscapes(token);
}

class Reader {
  #i = 0;
  readonly #tokens: string[];
  constructor(tokens: string[]) {
    this.#tokens = tokens;
  }

  get done(): boolean {
    return this.#i >= this.#tokens.length;
  }

  #peek(): string | undefined {
    return this.#tokens[this.#i];
  }

  #next(): string {
    const token = this.#tokens[this.#i++];
    if (token === undefined) throw new Error('pg_node_tree ended early');
    return token;
  }

  value(): TreeValue {
    const token = this.#next();
    if (token === '{') return this.#node();
    if (token === '(') return this.#list();
    if (token === '[') return this.#bytes();
    return atom(token);
  }

  #node(): TreeNode {
    const node: Record<string, TreeValue> = { node: this.#next() };
    while (this.#peek() !== '}') {
      const field = this.#next();
      if (!field.startsWith(':')) throw new Error(`pg_node_tree: expected a field, got ${field}`);
      // A field holds one value; a datum holds its length and then its bytes.
      const values: TreeValue[] = [];
      while (this.#peek() !== '}' && !this.#peek()?.startsWith(':')) values.push(this.value());
      node[field.slice(1)] = values.length === 1 ? (values[0] as TreeValue) : values;
    }
    this.#next();
    return node as TreeNode;
  }

  #list(): TreeValue[] {
    const items: TreeValue[] = [];
    // Integer, oid, bitmap and xid lists start with their kind letter.
    if (['i', 'o', 'b', 'x'].includes(this.#peek() ?? '')) this.#next();
    while (this.#peek() !== ')') items.push(this.value());
    this.#next();
    return items;
  }

  #bytes(): number[] {
    const bytes: number[] = [];
    while (this.#peek() !== ']') bytes.push(Number(this.#next()));
    this.#next();
    return bytes;
  }
}

/** Parses a pg_node_tree text into plain objects (`node` holds the node type, e.g. QUERY, VAR, FUNCEXPR). */
export function parseNodeTree(text: string): TreeValue {
  const reader = new Reader(tokenize(text));
  const value = reader.value();
  if (!reader.done) throw new Error('pg_node_tree: text after the first value');
  return value;
}

export function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'node' in value;
}

/** Visits every node under `value`, depth first. */
export function walkTree(value: TreeValue | undefined, visit: (node: TreeNode) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walkTree(item as TreeValue, visit);
    return;
  }
  if (!isTreeNode(value)) return;
  visit(value);
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'node' && typeof child === 'object' && child !== null) walkTree(child as TreeValue, visit);
  }
}

/** The list in a field (`<>` is an empty list). */
export function treeList(node: TreeNode, field: string): readonly TreeValue[] {
  const value = node[field];
  return Array.isArray(value) ? (value as TreeValue[]) : [];
}

export function treeNumber(node: TreeNode, field: string): number | undefined {
  const value = node[field];
  return typeof value === 'number' ? value : undefined;
}

/**
 * A text CONST's value: its datum is a varlena, a 4-byte header (length << 2, little-endian) or a 1-byte
 * header (length << 1 | 1) followed by UTF-8 bytes. Undefined for anything that is not a non-null text datum.
 */
export function constText(node: TreeNode): string | undefined {
  const text = 25;
  if (node.node !== 'CONST' || node.consttype !== text || node.constisnull !== false) return undefined;
  const datum = node.constvalue;
  if (!Array.isArray(datum) || datum.length !== 2 || !Array.isArray(datum[1])) return undefined;
  const bytes = Buffer.from(datum[1] as number[]);
  if (bytes.length === 0) return undefined;
  if ((bytes[0]! & 1) === 1) return bytes.subarray(1, bytes[0]! >> 1).toString('utf8');
  const length = bytes.readUInt32LE(0) >> 2;
  return bytes.subarray(4, length).toString('utf8');
}
