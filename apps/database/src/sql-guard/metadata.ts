/**
 * Metadata probes: calls and casts that reveal something about an object named by their argument rather than
 * by a FROM clause — its comment (`obj_description`), definition (`pg_get_viewdef`), size, existence
 * (`to_regclass`, `'x'::regclass`) or privileges (`has_table_privilege`). The caller may learn these only about
 * objects it may read, so each probe is returned for the server to check like a relation the statement reads:
 * with a constant name, that object; with anything else (an oid, a column), the catalog that holds every such
 * object, since the argument could name any of them.
 */
import { type AstNode, listField, nodeField, stringList, unwrapNode, walkAst } from './walk.ts';

/** What a probe's argument names. `database` is checked against the server's own database name. */
export type ProbeKind = 'relation' | 'function' | 'schema' | 'database';

export interface MetadataProbe {
  /** The function or cast that probes, as written: `to_regclass()`, `::regclass`. */
  readonly via: string;
  readonly kind: ProbeKind;
  /** The object's name when the argument is a constant (`billing.invoices`), split as PostgreSQL would. */
  readonly name?: { readonly schema: string | undefined; readonly name: string };
}

/** The catalog that lists every object of a kind: what a probe of a computed argument could reach. */
export const PROBE_CATALOG: Readonly<Record<ProbeKind, string>> = {
  relation: 'pg_class',
  function: 'pg_proc',
  schema: 'pg_namespace',
  database: 'pg_database',
};

interface ProbeRule {
  readonly kind: ProbeKind;
  /** Index of the object argument for a given number of arguments (negative: from the end). */
  readonly arg: (count: number) => number;
}

const first = () => 0;
/** `has_*_privilege([user,] object, privilege)`: the object is second to last. */
const beforePrivilege = (count: number) => count - 2;
/** `has_column_privilege([user,] table, column, privilege)`. */
const beforeColumn = (count: number) => count - 3;

const rule = (kind: ProbeKind, arg: (count: number) => number = first): ProbeRule => ({ kind, arg });

/** Functions (pg_catalog) whose result describes the object their argument names. */
const PROBE_FUNCTIONS: ReadonlyMap<string, ProbeRule> = new Map([
  ['obj_description', rule('relation')],
  ['col_description', rule('relation')],
  ['pg_get_viewdef', rule('relation')],
  ['pg_get_ruledef', rule('relation')],
  ['pg_get_triggerdef', rule('relation')],
  ['pg_get_indexdef', rule('relation')],
  ['pg_get_constraintdef', rule('relation')],
  ['pg_get_partkeydef', rule('relation')],
  ['pg_get_partition_constraintdef', rule('relation')],
  ['pg_get_replica_identity_index', rule('relation')],
  ['pg_get_serial_sequence', rule('relation')],
  ['pg_get_statisticsobjdef', rule('relation')],
  ['pg_get_statisticsobjdef_columns', rule('relation')],
  ['pg_get_statisticsobjdef_expressions', rule('relation')],
  ['pg_get_expr', rule('relation', () => 1)],
  ['pg_relation_is_publishable', rule('relation')],
  ['pg_table_is_visible', rule('relation')],
  ['pg_total_relation_size', rule('relation')],
  ['pg_relation_size', rule('relation')],
  ['pg_table_size', rule('relation')],
  ['pg_indexes_size', rule('relation')],
  ['pg_partition_tree', rule('relation')],
  ['pg_partition_ancestors', rule('relation')],
  ['pg_partition_root', rule('relation')],
  ['to_regclass', rule('relation')],
  ['has_table_privilege', rule('relation', beforePrivilege)],
  ['has_sequence_privilege', rule('relation', beforePrivilege)],
  ['has_any_column_privilege', rule('relation', beforePrivilege)],
  ['has_column_privilege', rule('relation', beforeColumn)],
  ['pg_get_functiondef', rule('function')],
  ['pg_get_function_arguments', rule('function')],
  ['pg_get_function_identity_arguments', rule('function')],
  ['pg_get_function_result', rule('function')],
  ['pg_get_function_arg_default', rule('function')],
  ['pg_get_function_sqlbody', rule('function')],
  ['pg_function_is_visible', rule('function')],
  ['to_regproc', rule('function')],
  ['to_regprocedure', rule('function')],
  ['has_function_privilege', rule('function', beforePrivilege)],
  ['to_regnamespace', rule('schema')],
  ['has_schema_privilege', rule('schema', beforePrivilege)],
  ['pg_database_size', rule('database')],
  ['has_database_privilege', rule('database', beforePrivilege)],
]);

/** Casts whose input is an object name looked up in the catalog (an existence probe). */
const PROBE_CASTS: ReadonlyMap<string, ProbeKind> = new Map([
  ['regclass', 'relation'],
  ['regproc', 'function'],
  ['regprocedure', 'function'],
  ['regnamespace', 'schema'],
]);

/** Whether a function's result depends on an object it names: the server checks calls of these reached any way. */
export function probeKindOf(functionName: string): ProbeKind | undefined {
  return PROBE_FUNCTIONS.get(functionName.toLowerCase())?.kind;
}

/**
 * Splits an object name the way PostgreSQL's regclass input does: dot-separated identifiers, quoted ones kept as
 * written, unquoted ones folded to lower case. Undefined when it is not a name (then it is treated as computed).
 */
export function splitObjectName(text: string): { schema: string | undefined; name: string } | undefined {
  const parts: string[] = [];
  let i = 0;
  // Function probes may carry an argument list (`f(int)`): the name is what comes before it.
  const end = text.includes('(') ? text.indexOf('(') : text.length;
  while (i < end) {
    if (text[i] === '"') {
      let part = '';
      i++;
      while (i < end) {
        if (text[i] === '"' && text[i + 1] === '"') {
          part += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else part += text[i++];
      }
      if (text[i] !== '"') return undefined;
      i++;
      parts.push(part);
    } else {
      const match = /^[^".\s]+/.exec(text.slice(i, end));
      if (!match) return undefined;
      parts.push(match[0].toLowerCase());
      i += match[0].length;
    }
    while (text[i] === ' ') i++;
    if (i < end && text[i] !== '.') return undefined;
    if (text[i] === '.') i++;
  }
  // db.schema.name: the database part is checked by PostgreSQL (it must be the current one).
  if (parts.length === 0 || parts.length > 3) return undefined;
  const name = parts.at(-1) as string;
  return { schema: parts.length > 1 ? parts.at(-2) : undefined, name };
}

/** A string constant, directly or cast (`'x'`, `'x'::text`, `'x'::regclass`). */
function constantText(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'A_Const') {
    const sval = (node.fields.sval as { sval?: unknown } | undefined)?.sval;
    return typeof sval === 'string' ? sval : undefined;
  }
  if (node.type === 'TypeCast') return constantText(nodeField(node.fields, 'arg'));
  return undefined;
}

function castTypeName(node: AstNode): string | undefined {
  const names = stringList(nodeField(node.fields, 'typeName')?.fields.names);
  const name = names.at(-1);
  return name !== undefined && (names.length === 1 || names[0] === 'pg_catalog') ? name : undefined;
}

function probe(via: string, kind: ProbeKind, argument: AstNode | undefined): MetadataProbe {
  const text = constantText(argument);
  const name = text === undefined ? undefined : splitObjectName(text);
  return name ? { via, kind, name } : { via, kind };
}

/** obj_description(oid, 'pg_proc') describes a function, (oid, 'pg_namespace') a schema. */
function describedKind(name: string, args: readonly (AstNode | undefined)[], kind: ProbeKind): ProbeKind {
  if (name !== 'obj_description' || args.length !== 2) return kind;
  const catalog = constantText(args[1]);
  if (catalog === 'pg_proc') return 'function';
  if (catalog === 'pg_namespace') return 'schema';
  return kind;
}

/** `tableoid::regclass` names the row's own relation (a partition, a child): it probes nothing. */
function isTableOid(node: AstNode | undefined): boolean {
  if (node?.type !== 'ColumnRef') return false;
  return stringList(node.fields.fields).at(-1) === 'tableoid';
}

/** Every metadata probe in the tree of `read`, in visiting order. */
export function collectProbes(read: AstNode): MetadataProbe[] {
  const probes: MetadataProbe[] = [];
  walkAst({ [read.type]: read.fields }, (node) => {
    if (node.type === 'FuncCall') {
      const names = stringList(node.fields.funcname);
      const name = names.at(-1);
      if (name === undefined || (names.length > 1 && names.at(-2) !== 'pg_catalog')) return;
      const found = PROBE_FUNCTIONS.get(name);
      if (!found) return;
      const args = listField(node.fields, 'args').map(unwrapNode);
      const argument = args[found.arg(args.length)];
      // A cast of a constant in that place is reported by the cast itself.
      const cast = argument?.type === 'TypeCast' ? castTypeName(argument) : undefined;
      if (cast !== undefined && PROBE_CASTS.has(cast)) return;
      probes.push(probe(`${name}()`, describedKind(name, args, found.kind), argument));
      return;
    }
    if (node.type === 'TypeCast') {
      const type = castTypeName(node);
      const kind = type === undefined ? undefined : PROBE_CASTS.get(type);
      const argument = nodeField(node.fields, 'arg');
      if (kind === undefined || isTableOid(argument)) return;
      // A number cast to an oid type is a lookup by oid, as computed as any other argument.
      probes.push(probe(`::${type}`, kind, argument));
    }
  });
  return probes;
}
