/**
 * Every function a read statement calls, and the decision on each: denied by name (function-rules.ts),
 * refused when volatile or unknown to the database's catalog, accepted when immutable or stable or a
 * known-safe built-in. Operators are functions too but are accepted: they are the ordinary vocabulary of
 * a read (=, <, ||, @>...), and a volatile operator needs a schema owner to create it.
 *
 * Calls hide in more places than FuncCall: `t.f` and `(t).f` call f(t) when t has no column f
 * ("attribute notation"), and TABLESAMPLE names a sampling method that is a function too.
 */
import { deniedFunctionReason, isKnownSafeFunction } from './function-rules.ts';
import { refuse, type SqlRefusal } from './refusal.ts';
import { SHOWABLE_SETTINGS } from './statement-kind.ts';
import { type AstNode, listField, stringList, unwrapNode, walkAst } from './walk.ts';

export type Volatility = 'i' | 's' | 'v';
export type VolatilityLookup = (name: string, schema: string | undefined) => Volatility | undefined;

export interface FunctionCall {
  readonly name: string;
  readonly schema: string | undefined;
  readonly args: readonly unknown[];
}

/** How the statement names the function: `pg_catalog.lower`, `lower`. */
export function callName(call: { readonly name: string; readonly schema: string | undefined }): string {
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

/** current_setting() reveals the same values as SHOW, so it gets the same list of settings. */
function currentSettingRefusal(call: FunctionCall): SqlRefusal | undefined {
  const first = unwrapNode(call.args[0]);
  const constant =
    first?.type === 'A_Const' ? (first.fields.sval as { sval?: unknown } | undefined)?.sval : undefined;
  if (typeof constant === 'string' && SHOWABLE_SETTINGS.has(constant.toLowerCase())) return undefined;
  const setting = typeof constant === 'string' ? `'${constant}'` : 'a computed name';
  return refuse(
    'sql_function_denied',
    `the statement calls current_setting() with ${setting}; only settings SHOW may reveal are allowed ` +
      '(e.g. server_version, timezone, search_path, work_mem)',
  );
}

function callRefusal(call: FunctionCall, volatilityOf: VolatilityLookup): SqlRefusal | undefined {
  const written = `${callName(call)}()`;
  const denied = deniedFunctionReason(call.name);
  if (denied)
    return refuse('sql_function_denied', `the statement calls ${written}, which is denied (${denied})`);
  if (call.name === 'current_setting' && (call.schema === undefined || call.schema === 'pg_catalog')) {
    return currentSettingRefusal(call);
  }
  const volatility = volatilityOf(call.name, call.schema);
  if (volatility === 'v') {
    return refuse(
      'sql_function_denied',
      `the statement calls ${written}, which is volatile (it may change data or state); ` +
        'only immutable and stable functions are allowed',
    );
  }
  if (volatility !== undefined || isKnownSafeFunction(call.name, call.schema)) return undefined;
  return refuse(
    'sql_function_denied',
    `the statement calls ${written}, an unknown function (not in the database's function catalog); ` +
      'only known immutable and stable functions are allowed',
  );
}

function attributeRefusal(name: string, volatilityOf: VolatilityLookup): SqlRefusal | undefined {
  if (volatilityOf(name, undefined) !== 'v') return undefined;
  return refuse(
    'sql_function_denied',
    `the statement names .${name}, which PostgreSQL may run as the volatile function ${name}() on the row ` +
      '(attribute notation); only immutable and stable functions are allowed',
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

export type FunctionVerdict = { readonly ok: true; readonly functions: readonly string[] } | SqlRefusal;

/** Checks every function call under `read`; on success lists the functions called, as written, once each. */
export function checkFunctions(read: AstNode, volatilityOf: VolatilityLookup): FunctionVerdict {
  const called = new Set<string>();
  let refusal: SqlRefusal | undefined;
  walkAst({ [read.type]: read.fields }, (node) => {
    if (refusal) return;
    if (node.type === 'FuncCall') {
      const call = functionCall(node);
      if (!call) {
        refusal = refuse('sql_function_denied', 'the statement calls a function whose name cannot be read');
        return;
      }
      refusal = callRefusal(call, volatilityOf);
      called.add(callName(call));
      return;
    }
    if (node.type === 'RangeTableSample') {
      refusal = samplingRefusal(node);
      return;
    }
    for (const name of attributeNames(node)) refusal ??= attributeRefusal(name, volatilityOf);
  });
  return refusal ?? { ok: true, functions: [...called] };
}
