/**
 * Rules for statements over masked columns. The server replaces a masked column's values in the result, so
 * the column may only be *selected*: as a plain column in the top-level select list, or through `*` / `t.*`
 * there. Any other use would let the values leak through the mask — filtering (WHERE email LIKE 'a%'),
 * joining, sorting, grouping, DISTINCT, functions and casts, set operations, and whole-row values
 * (`row_to_json(t)`, `t` as a value, `t.to_jsonb`), which carry every column unmasked. Renaming columns by
 * position (`FROM users AS u(a, b)`, NATURAL JOIN) is refused too, since the masked name would disappear.
 *
 * Columns are matched by name as the parser returns it (unquoted names are lower case), which is how
 * PostgreSQL resolves them; the caller passes the names masking rules cover for this query's relations.
 */
import { refuse, type SqlRefusal } from './refusal.ts';
import { type AstNode, listField, nodeField, stringList, unwrapNode, walkAst } from './walk.ts';

/**
 * Built-ins that accept a whole row in attribute notation (`t.row_to_json` is row_to_json(t)): the pg_proc
 * functions callable with one argument of type record, anyelement, anycompatible or "any".
 */
const WHOLE_ROW_FUNCTIONS: ReadonlySet<string> = new Set([
  'row_to_json',
  'to_json',
  'to_jsonb',
  'concat',
  'concat_ws',
  'format',
  'record_out',
  'record_send',
  'hash_record',
  'quote_literal',
  'quote_nullable',
  'json_build_array',
  'json_build_object',
  'jsonb_build_array',
  'jsonb_build_object',
  'json_agg',
  'json_agg_strict',
  'jsonb_agg',
  'jsonb_agg_strict',
  'array_agg',
  'any_value',
  'first_value',
  'last_value',
  'lag',
  'lead',
  'max',
  'min',
  'mode',
  'hstore',
  'num_nulls',
  'num_nonnulls',
  'pg_column_size',
  'pg_typeof',
  'pg_column_compression',
  'pg_column_toast_chunk_id',
  'any_out',
  'anyelement_out',
  'anynonarray_out',
  'anycompatible_out',
  'anycompatiblenonarray_out',
]);

interface TopTarget {
  readonly column: AstNode | undefined;
  readonly outputName: string | undefined;
  readonly masked: boolean;
  readonly star: boolean;
}

function isStar(column: AstNode): boolean {
  const last = listField(column.fields, 'fields').at(-1);
  return unwrapNode(last)?.type === 'A_Star';
}

function topTargets(top: AstNode, masked: ReadonlySet<string>, carriers: MaskCarriers): TopTarget[] {
  if (top.fields.op !== undefined && top.fields.op !== 'SETOP_NONE') return [];
  const starCarries = carriers.starCarries(top);
  return listField(top.fields, 'targetList').map((item) => {
    const target = unwrapNode(item);
    const value = target && nodeField(target.fields, 'val');
    const column = value?.type === 'ColumnRef' ? value : undefined;
    const name = column && stringList(column.fields.fields).at(-1);
    const alias = typeof target?.fields.name === 'string' ? target.fields.name : undefined;
    return {
      column,
      outputName: alias ?? name,
      masked: name !== undefined && masked.has(name),
      // A `*` counts as masked output only where it expands a masked column.
      star: column !== undefined && isStar(column) && starCarries,
    };
  });
}

/** Whether a relation the statement names has masked columns (schema as written, or undefined). */
export type RelationMasked = (schema: string | undefined, name: string) => boolean;

/**
 * Which ranges of the statement may carry masked columns: a relation with masked columns, and a WITH query or
 * subquery whose `*` expands one. A whole-row reference or a `*` over a range that cannot carry any reveals
 * nothing masked (`select to_jsonb(o) from orders o`, `select * from (select id from customers) s`).
 */
class MaskCarriers {
  readonly #relationMasked: RelationMasked;
  readonly #ctes = new Map<string, AstNode[]>();
  readonly #cteCarries = new Map<string, boolean>();
  /** Range names (aliases, relation and WITH names) → whether that range may carry masked columns. */
  readonly ranges = new Map<string, boolean>();

  constructor(top: AstNode, relationMasked: RelationMasked) {
    this.#relationMasked = relationMasked;
    walkAst({ [top.type]: top.fields }, (node) => {
      if (node.type !== 'CommonTableExpr' || typeof node.fields.ctename !== 'string') return;
      const query = nodeField(node.fields, 'ctequery');
      const defs = this.#ctes.get(node.fields.ctename) ?? [];
      if (query) defs.push(query);
      this.#ctes.set(node.fields.ctename, defs);
    });
    walkAst({ [top.type]: top.fields }, (node) => {
      if (node.type === 'CommonTableExpr' && typeof node.fields.ctename === 'string') {
        this.#mark(node.fields.ctename, this.#cte(node.fields.ctename));
        return;
      }
      if (
        node.type !== 'RangeVar' &&
        node.type !== 'RangeSubselect' &&
        node.type !== 'RangeFunction' &&
        node.type !== 'JoinExpr'
      )
        return;
      const carries = this.fromItem(node);
      const alias = nodeField(node.fields, 'alias')?.fields.aliasname;
      if (typeof alias === 'string') this.#mark(alias, carries);
      if (node.type === 'RangeVar' && typeof node.fields.relname === 'string')
        this.#mark(node.fields.relname, carries);
    });
  }

  #mark(name: string, carries: boolean): void {
    this.ranges.set(name, (this.ranges.get(name) ?? false) || carries);
  }

  #cte(name: string): boolean {
    const known = this.#cteCarries.get(name);
    if (known !== undefined) return known;
    // A recursive WITH query refers to itself: what it adds on the way round is counted by its other terms.
    this.#cteCarries.set(name, false);
    const carries = (this.#ctes.get(name) ?? []).some((query) => this.select(query));
    this.#cteCarries.set(name, carries);
    return carries;
  }

  /** Whether one item of a FROM list may carry masked columns. */
  fromItem(item: AstNode | undefined): boolean {
    if (!item) return false;
    switch (item.type) {
      case 'RangeVar': {
        const name = typeof item.fields.relname === 'string' ? item.fields.relname : '';
        const schema = typeof item.fields.schemaname === 'string' ? item.fields.schemaname : undefined;
        // A WITH name shadows a relation only where it is in scope; counting both errs wide.
        const cte = schema === undefined && this.#ctes.has(name) && this.#cte(name);
        return cte || this.#relationMasked(schema, name);
      }
      case 'RangeSubselect':
        return this.select(nodeField(item.fields, 'subquery'));
      case 'JoinExpr':
        return this.fromItem(nodeField(item.fields, 'larg')) || this.fromItem(nodeField(item.fields, 'rarg'));
      case 'RangeTableSample':
        return this.fromItem(nodeField(item.fields, 'relation'));
      default:
        // Functions and table functions return what their arguments compute, and a masked column may not be an argument.
        return false;
    }
  }

  /** Whether `*` in this SELECT expands a masked column: its FROM list may carry one. */
  starCarries(select: AstNode): boolean {
    return listField(select.fields, 'fromClause').some((item) => this.fromItem(unwrapNode(item)));
  }

  /** Whether a query's output may carry masked columns: through a `*`, or a masked column selected in it. */
  select(query: AstNode | undefined): boolean {
    if (query?.type !== 'SelectStmt') return false;
    if (query.fields.op !== undefined && query.fields.op !== 'SETOP_NONE') {
      return this.select(nodeField(query.fields, 'larg')) || this.select(nodeField(query.fields, 'rarg'));
    }
    return listField(query.fields, 'targetList').some((item) => {
      const value = nodeField(unwrapNode(item)?.fields ?? {}, 'val');
      return value?.type === 'ColumnRef' && isStar(value) && this.starCarries(query);
    });
  }
}

/** `*` in the select list of an EXISTS subquery: its values are never looked at. */
function existsStars(read: AstNode): Set<unknown> {
  const stars = new Set<unknown>();
  walkAst({ [read.type]: read.fields }, (node) => {
    if (node.type !== 'SubLink' || node.fields.subLinkType !== 'EXISTS_SUBLINK') return;
    const select = nodeField(node.fields, 'subselect');
    if (select?.type !== 'SelectStmt') return;
    for (const item of listField(select.fields, 'targetList')) {
      const value = unwrapNode(item);
      const column = value && nodeField(value.fields, 'val');
      if (column?.type === 'ColumnRef' && isStar(column)) stars.add(column.fields);
    }
  });
  return stars;
}

const USE_HINT = 'it may only be selected as a plain column of the outer select list';

function columnRefusal(
  column: AstNode,
  bareTarget: boolean,
  allowedStar: boolean,
  masked: ReadonlySet<string>,
  carriers: MaskCarriers,
  enclosing: AstNode | undefined,
): SqlRefusal | undefined {
  const names = stringList(column.fields.fields);
  const last = names.at(-1);
  if (names.length === 1 && last !== undefined && carriers.ranges.get(last) === true) {
    return refuse(
      'sql_masked_column',
      `"${last}" is used as a whole row, which would carry masked columns unmasked`,
    );
  }
  // `t.row_to_json` is row_to_json(t): refused unless t is a range known not to carry masked columns.
  const owner = names.length === 2 ? names[0] : undefined;
  if (names.length > 1 && last !== undefined && WHOLE_ROW_FUNCTIONS.has(last)) {
    if (owner === undefined || carriers.ranges.get(owner) !== false) {
      return refuse(
        'sql_masked_column',
        `.${last} turns a whole row into a value, which would carry masked columns unmasked`,
      );
    }
  }
  if (bareTarget) return undefined;
  if (isStar(column) && !allowedStar && !(owner !== undefined && carriers.ranges.get(owner) === false)) {
    // A `*` below the outer select list is fine where it cannot expand a masked column.
    if (enclosing === undefined || carriers.starCarries(enclosing)) {
      return refuse(
        'sql_masked_column',
        `* is used below the outer select list over a table with masked columns; name the columns you need`,
      );
    }
  }
  if (last !== undefined && masked.has(last)) {
    return refuse(
      'sql_masked_column',
      `column ${last} is masked; ${USE_HINT}, not filtered, joined, sorted, grouped or computed with`,
    );
  }
  return undefined;
}

function nodeRefusal(
  node: AstNode,
  masked: ReadonlySet<string>,
  carriers: MaskCarriers,
): SqlRefusal | undefined {
  if (node.type === 'A_Indirection') {
    const name = stringList(node.fields.indirection).find(
      (n) => n !== undefined && (masked.has(n) || WHOLE_ROW_FUNCTIONS.has(n)),
    );
    if (name !== undefined)
      return refuse(
        'sql_masked_column',
        `(...).${name} is used in an expression while columns are masked; ${USE_HINT}`,
      );
  }
  if (node.type === 'JoinExpr') {
    if (node.fields.isNatural === true && carriers.fromItem(node)) {
      return refuse(
        'sql_masked_column',
        'NATURAL JOIN may join on masked columns; join with ON and named columns',
      );
    }
    const using = stringList(node.fields.usingClause).find((n) => n !== undefined && masked.has(n));
    if (using !== undefined)
      return refuse('sql_masked_column', `column ${using} is masked and cannot be joined on`);
  }
  if (
    (node.type === 'RangeVar' || node.type === 'JoinExpr') &&
    listField(nodeField(node.fields, 'alias')?.fields ?? {}, 'colnames').length > 0 &&
    carriers.fromItem(node)
  ) {
    return refuse(
      'sql_masked_column',
      'renaming columns by position (AS t(a, b, ...)) is not allowed while columns are masked',
    );
  }
  return undefined;
}

/** ORDER BY / GROUP BY / DISTINCT at the top level that sorts or groups by a masked output column. */
function orderingRefusal(top: AstNode, targets: readonly TopTarget[]): SqlRefusal | undefined {
  const maskedOutput = targets.filter((t) => t.masked || t.star);
  if (maskedOutput.length === 0) return undefined;
  if (listField(top.fields, 'distinctClause').some((item) => unwrapNode(item) === undefined)) {
    return refuse('sql_masked_column', `SELECT DISTINCT compares masked columns; ${USE_HINT}`);
  }
  const hasStar = targets.some((t) => t.star);
  const maskedAliases = new Set(targets.filter((t) => t.masked).map((t) => t.outputName));
  for (const item of [...listField(top.fields, 'sortClause'), ...listField(top.fields, 'groupClause')]) {
    const entry = unwrapNode(item);
    const key = entry?.type === 'SortBy' ? nodeField(entry.fields, 'node') : entry;
    const position =
      key?.type === 'A_Const' ? (key.fields.ival as { ival?: unknown } | undefined)?.ival : undefined;
    // Positions past a `*` cannot be mapped to columns without the catalog, so any position counts then.
    const byPosition = typeof position === 'number' ? targets[position - 1] : undefined;
    const positionMasked = typeof position === 'number' && (hasStar || byPosition?.masked === true);
    const name = key?.type === 'ColumnRef' ? stringList(key.fields.fields) : [];
    if (positionMasked || (name.length === 1 && maskedAliases.has(name[0]))) {
      return refuse(
        'sql_masked_column',
        `ORDER BY / GROUP BY refers to a masked output column (or to * by position); ${USE_HINT}`,
      );
    }
  }
  return undefined;
}

/**
 * The first masking refusal for the read statement `top`, or undefined; nothing is checked when no column is
 * masked. `relationMasked` says which relations the statement names have masked columns (default: all of them).
 */
export function maskedColumnRefusal(
  top: AstNode,
  masked: ReadonlySet<string> | undefined,
  relationMasked: RelationMasked = () => true,
): SqlRefusal | undefined {
  if (!masked || masked.size === 0 || top.type !== 'SelectStmt') return undefined;
  const carriers = new MaskCarriers(top, relationMasked);
  const targets = topTargets(top, masked, carriers);
  const bare = new Set(targets.map((t) => t.column?.fields).filter((f) => f !== undefined));
  const stars = existsStars(top);
  for (const target of targets) {
    if (target.column && isStar(target.column)) stars.add(target.column.fields);
  }
  let found = orderingRefusal(top, targets);
  walkAst({ [top.type]: top.fields }, (node, ancestors) => {
    if (found) return;
    if (node.type !== 'ColumnRef') {
      found = nodeRefusal(node, masked, carriers);
      return;
    }
    const enclosing = ancestors.findLast((step) => step.node.type === 'SelectStmt')?.node;
    found = columnRefusal(node, bare.has(node.fields), stars.has(node.fields), masked, carriers, enclosing);
  });
  return found;
}

/** The (last) names of every column referenced anywhere under `read`: what a SQL function's body looks at. */
export function referencedColumnNames(read: AstNode): Set<string> {
  const names = new Set<string>();
  walkAst({ [read.type]: read.fields }, (node) => {
    if (node.type !== 'ColumnRef') return;
    const last = stringList(node.fields.fields).at(-1);
    if (last !== undefined) names.add(last);
  });
  return names;
}
