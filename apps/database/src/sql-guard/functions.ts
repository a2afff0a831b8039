/**
 * Every function a read statement calls, and the checks that need no catalog: functions denied by name
 * (function-rules.ts), current_setting() of a setting SHOW would not reveal, and sampling methods. Whether a
 * function that passes is volatile, unknown, or written in a language this server cannot look into is
 * decided once the catalog has resolved it (see the server's statement plan). Operators are functions too but
 * are not listed here: the server finds the functions behind them in the catalog where it can (views,
 * function bodies), and a volatile operator needs a schema owner to create it.
 *
 * Calls hide in more places than FuncCall: `t.f` and `(t).f` call f(t) when t has no column f
 * ("attribute notation"), and TABLESAMPLE names a sampling method that is a function too.
 */
import { deniedFunctionReason } from './function-rules.ts';
import { refuse, type SqlRefusal } from './refusal.ts';
import { SHOWABLE_SETTINGS } from './statement-kind.ts';
import { type AstNode, listField, stringList, unwrapNode, walkAst } from './walk.ts';

/** A function as the statement names it: the schema if given, the name exactly as the parser returns it. */
export interface FunctionRef {
  readonly schema: string | undefined;
  readonly name: string;
}

interface FunctionCall extends FunctionRef {
  readonly args: readonly unknown[];
}

/** How the statement names the function: `pg_catalog.lower`, `lower`. */
export function callName(call: FunctionRef): string {
  return call.schema === undefined ? call.name : `${call.schema}.${call.name}`;
}

function functionCall(node: AstNode): FunctionCall | undefined {
  const parts = stringList(node.fields.funcname);
  const name = parts.at(-1);
  if (name === undefined || parts.includes(undefined)) return undefined;
  return { name, schema: parts.length > 1 ? parts.at(-2) : undefined, args: listField(node.fields, 'args') };
}

/** Names that, written after a dot (`t.name`, `(t).name`), are a function call when t has no such column. */
function attributeNames(node: AstNode): string[] {
  if (node.type === 'ColumnRef') {
    const fields = stringList(node.fields.fields);
    const last = fields.at(-1);
    return fields.length > 1 && last !== undefined ? [last] : [];
  }
  if (node.type === 'A_Indirection') {
    return stringList(node.fields.indirection).filter((name): name is string => name !== undefined);
  }
  return [];
}

/** Whether a setting may be read by current_setting(): the settings SHOW may reveal. */
export function isShowableSetting(name: string): boolean {
  return SHOWABLE_SETTINGS.has(name.toLowerCase());
}

/** current_setting() reveals the same values as SHOW, so it gets the same list of settings. */
function currentSettingRefusal(call: FunctionCall): SqlRefusal | undefined {
  const first = unwrapNode(call.args[0]);
  const constant =
    first?.type === 'A_Const' ? (first.fields.sval as { sval?: unknown } | undefined)?.sval : undefined;
  if (typeof constant === 'string' && isShowableSetting(constant)) return undefined;
  const setting = typeof constant === 'string' ? `'${constant}'` : 'a computed name';
  return refuse(
    'sql_function_denied',
    `the statement calls current_setting() with ${setting}; only settings SHOW may reveal are allowed ` +
      '(e.g. server_version, timezone, search_path, work_mem); server paths and other settings are not shown',
  );
}

function callRefusal(call: FunctionCall): SqlRefusal | undefined {
  const denied = deniedFunctionReason(call.name);
  if (denied) {
    return refuse(
      'sql_function_denied',
      `the statement calls ${callName(call)}(), which is denied (${denied})`,
    );
  }
  if (call.name === 'current_setting' && (call.schema === undefined || call.schema === 'pg_catalog')) {
    return currentSettingRefusal(call);
  }
  return undefined;
}

function attributeRefusal(name: string): SqlRefusal | undefined {
  const denied = deniedFunctionReason(name);
  if (!denied) return undefined;
  return refuse(
    'sql_function_denied',
    `the statement names .${name}, which PostgreSQL may run as ${name}() on the row (attribute notation), ` +
      `and ${name}() is denied (${denied})`,
  );
}

const SAMPLING_METHODS: ReadonlySet<string> = new Set(['system', 'bernoulli']);

function samplingRefusal(node: AstNode): SqlRefusal | undefined {
  const method = stringList(node.fields.method).join('.');
  if (SAMPLING_METHODS.has(method)) return undefined;
  return refuse(
    'sql_function_denied',
    `TABLESAMPLE ${method} is not a built-in sampling method; use SYSTEM or BERNOULLI`,
  );
}

export interface FunctionCalls {
  readonly ok: true;
  /** Functions called, as written, once each, in visiting order. */
  readonly functions: readonly FunctionRef[];
  /** Names written after a dot that PostgreSQL may run as a function of the row, once each. */
  readonly attributes: readonly string[];
  /** Operator names used (`=`, `@@`, `===`), once each: a user-defined one runs a function too. */
  readonly operators: readonly string[];
}

/** Operator names of an expression node (`a @@ b`, `a OPERATOR(s.===) b`, `x = ANY (subquery)`). */
function operatorNames(node: AstNode): string[] {
  const field = node.type === 'A_Expr' ? 'name' : node.type === 'SubLink' ? 'operName' : undefined;
  if (field === undefined) return [];
  const name = stringList(node.fields[field]).at(-1);
  // BETWEEN and friends are spelled out as words; they run the ordinary comparison operators.
  return name === undefined || /^[A-Z_ ]+$/.test(name) ? [] : [name];
}

/** Every function call under `read`, or the first refusal that needs no catalog to decide. */
export function collectFunctionCalls(read: AstNode): FunctionCalls | SqlRefusal {
  const called = new Map<string, FunctionRef>();
  const attributes = new Set<string>();
  const operators = new Set<string>();
  let refusal: SqlRefusal | undefined;
  walkAst({ [read.type]: read.fields }, (node) => {
    if (refusal) return;
    if (node.type === 'FuncCall') {
      const call = functionCall(node);
      if (!call) {
        refusal = refuse('sql_function_denied', 'the statement calls a function whose name cannot be read');
        return;
      }
      refusal = callRefusal(call);
      called.set(callName(call), { schema: call.schema, name: call.name });
      return;
    }
    if (node.type === 'RangeTableSample') {
      refusal = samplingRefusal(node);
      return;
    }
    for (const name of attributeNames(node)) {
      refusal ??= attributeRefusal(name);
      attributes.add(name);
    }
    for (const name of operatorNames(node)) operators.add(name);
  });
  return (
    refusal ?? {
      ok: true,
      functions: [...called.values()],
      attributes: [...attributes],
      operators: [...operators],
    }
  );
}
