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

function topTargets(top: AstNode, masked: ReadonlySet<string>): TopTarget[] {
  if (top.fields.op !== undefined && top.fields.op !== 'SETOP_NONE') return [];
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
      star: column !== undefined && isStar(column),
    };
  });
}

/** Names a bare identifier could use to mean a whole row: tables, aliases and WITH queries. */
function rangeNames(read: AstNode): Set<string> {
  const names = new Set<string>();
  walkAst({ [read.type]: read.fields }, (node) => {
    const name =
      node.type === 'RangeVar'
        ? node.fields.relname
        : node.type === 'Alias'
          ? node.fields.aliasname
          : undefined;
    if (typeof name === 'string') names.add(name);
    if (node.type === 'CommonTableExpr' && typeof node.fields.ctename === 'string')
      names.add(node.fields.ctename);
  });
  return names;
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
  ranges: ReadonlySet<string>,
): SqlRefusal | undefined {
  const names = stringList(column.fields.fields);
  const last = names.at(-1);
  if (names.length === 1 && last !== undefined && ranges.has(last)) {
    return refuse(
      'sql_masked_column',
      `"${last}" is used as a whole row, which would carry masked columns unmasked`,
    );
  }
  if (names.length > 1 && last !== undefined && WHOLE_ROW_FUNCTIONS.has(last)) {
    return refuse(
      'sql_masked_column',
      `.${last} turns a whole row into a value, which would carry masked columns unmasked`,
    );
  }
  if (bareTarget) return undefined;
  if (isStar(column) && !allowedStar) {
    return refuse(
      'sql_masked_column',
      `* is used below the outer select list while columns are masked; name the columns you need`,
    );
  }
  if (last !== undefined && masked.has(last)) {
    return refuse(
      'sql_masked_column',
      `column ${last} is masked; ${USE_HINT}, not filtered, joined, sorted, grouped or computed with`,
    );
  }
  return undefined;
}

function nodeRefusal(node: AstNode, masked: ReadonlySet<string>): SqlRefusal | undefined {
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
    if (node.fields.isNatural === true) {
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
    listField(nodeField(node.fields, 'alias')?.fields ?? {}, 'colnames').length > 0
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

/** The first masking refusal for the read statement `top`, or undefined; nothing is checked when no column is masked. */
export function maskedColumnRefusal(
  top: AstNode,
  masked: ReadonlySet<string> | undefined,
): SqlRefusal | undefined {
  if (!masked || masked.size === 0 || top.type !== 'SelectStmt') return undefined;
  const targets = topTargets(top, masked);
  const bare = new Set(targets.map((t) => t.column?.fields).filter((f) => f !== undefined));
  const stars = existsStars(top);
  for (const target of targets) if (target.star && target.column) stars.add(target.column.fields);
  const ranges = rangeNames(top);
  let found = orderingRefusal(top, targets);
  walkAst({ [top.type]: top.fields }, (node) => {
    if (found) return;
    found =
      node.type === 'ColumnRef'
        ? columnRefusal(node, bare.has(node.fields), stars.has(node.fields), masked, ranges)
        : nodeRefusal(node, masked);
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
