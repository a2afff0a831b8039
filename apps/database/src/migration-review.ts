import { ErrorCode, ToolError } from '@gatehouse/kit';
import { parse } from 'libpg-query';

/** PostgreSQL's table lock levels, weakest first. */
export const LOCKS = [
  'none',
  'ACCESS SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
] as const;
export type Lock = (typeof LOCKS)[number];

export interface TableRef {
  readonly schema: string | undefined;
  readonly name: string;
}

export interface StatementReview {
  statement: string;
  kind: string;
  tables: TableRef[];
  lock: Lock;
  /** What the lock blocks while held. */
  blocks: string;
  rewrite: boolean;
  notes: string[];
}

const BLOCKS: Record<Lock, string> = {
  none: 'nothing on existing tables',
  'ACCESS SHARE': 'only ACCESS EXCLUSIVE',
  'ROW EXCLUSIVE': 'SHARE and stronger (e.g. CREATE INDEX), not reads or writes',
  'SHARE UPDATE EXCLUSIVE': 'other schema changes and VACUUM, not reads or writes',
  SHARE: 'all writes (INSERT, UPDATE, DELETE), not reads',
  'SHARE ROW EXCLUSIVE': 'all writes and other schema changes, not reads',
  EXCLUSIVE: 'all writes, not plain reads',
  'ACCESS EXCLUSIVE':
    'everything, reads included; queued behind running queries, it also blocks everything queued after it',
};

type Node = Record<string, unknown>;
type Volatility = (name: string, schema: string | undefined) => 'i' | 's' | 'v' | undefined;

const stronger = (a: Lock, b: Lock): Lock => (LOCKS.indexOf(a) >= LOCKS.indexOf(b) ? a : b);
const rangeVar = (value: unknown): TableRef | undefined => {
  const rv = value as { relname?: string; schemaname?: string } | undefined;
  return rv?.relname ? { schema: rv.schemaname, name: rv.relname } : undefined;
};
const strings = (list: unknown): string[] =>
  Array.isArray(list)
    ? list.map((s) => (s as { String?: { sval?: string } }).String?.sval ?? '').filter(Boolean)
    : [];

/** Every function a (default) expression calls, as `[schema, name]`. */
function functionCalls(
  node: unknown,
  into: [string | undefined, string][] = [],
): [string | undefined, string][] {
  if (Array.isArray(node)) for (const item of node) functionCalls(item, into);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Node)) {
      if (key === 'FuncCall') {
        const names = strings((value as Node).funcname);
        const name = names.at(-1);
        if (name) into.push([names.length > 1 ? names[0] : undefined, name]);
      }
      functionCalls(value, into);
    }
  }
  return into;
}

interface Effect {
  lock: Lock;
  rewrite?: boolean;
  note?: string;
}

function addColumn(def: Node, volatility: Volatility): Effect {
  const column = def.ColumnDef as Node | undefined;
  const constraints = ((column?.constraints as Node[] | undefined) ?? []).map((c) => c.Constraint as Node);
  const defaultExpr = constraints.find((c) => c.contype === 'CONSTR_DEFAULT')?.raw_expr;
  const name = column?.colname as string;
  if (constraints.some((c) => c.contype === 'CONSTR_GENERATED' || c.contype === 'CONSTR_IDENTITY')) {
    return {
      lock: 'ACCESS EXCLUSIVE',
      rewrite: true,
      note: `${name}: a stored generated or identity column rewrites the table`,
    };
  }
  if (defaultExpr !== undefined) {
    const volatile = functionCalls(defaultExpr).filter(
      ([schema, fn]) => volatility(fn, schema) !== 'i' && volatility(fn, schema) !== 's',
    );
    if (volatile.length > 0) {
      return {
        lock: 'ACCESS EXCLUSIVE',
        rewrite: true,
        note: `${name}: default ${volatile.map(([, fn]) => `${fn}()`).join(', ')} is volatile, so every row is rewritten under ACCESS EXCLUSIVE; add the column without default, set the default, backfill in batches`,
      };
    }
    return {
      lock: 'ACCESS EXCLUSIVE',
      note: `${name}: constant default, metadata-only change (PostgreSQL 11+)`,
    };
  }
  if (constraints.some((c) => c.contype === 'CONSTR_NOTNULL')) {
    return {
      lock: 'ACCESS EXCLUSIVE',
      note: `${name}: NOT NULL without a default fails on a table that has rows`,
    };
  }
  return { lock: 'ACCESS EXCLUSIVE', note: `${name}: metadata-only change` };
}

function addConstraint(def: Node): Effect {
  const c = (def.Constraint ?? {}) as Node;
  const notValid = c.skip_validation === true;
  switch (c.contype) {
    case 'CONSTR_FOREIGN':
      return {
        lock: 'SHARE ROW EXCLUSIVE',
        note: notValid
          ? 'foreign key NOT VALID: no scan now; run VALIDATE CONSTRAINT later (SHARE UPDATE EXCLUSIVE)'
          : `foreign key: scans the whole table under SHARE ROW EXCLUSIVE, also locking ${rangeVar(c.pktable)?.name ?? 'the referenced table'}; add it NOT VALID, then VALIDATE CONSTRAINT`,
      };
    case 'CONSTR_CHECK':
      return {
        lock: 'ACCESS EXCLUSIVE',
        note: notValid
          ? 'check NOT VALID: no scan now'
          : 'check constraint: scans the whole table under ACCESS EXCLUSIVE; add it NOT VALID, then VALIDATE',
      };
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE':
    case 'CONSTR_EXCLUSION':
      return c.indexname
        ? { lock: 'ACCESS EXCLUSIVE', note: 'constraint USING an existing index: brief lock' }
        : {
            lock: 'ACCESS EXCLUSIVE',
            note: 'builds an index under ACCESS EXCLUSIVE; CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX',
          };
    default:
      return { lock: 'ACCESS EXCLUSIVE' };
  }
}

function alterTableCommand(cmd: Node, volatility: Volatility): Effect {
  const def = (cmd.def ?? {}) as Node;
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      return addColumn(def, volatility);
    case 'AT_AlterColumnType':
      return {
        lock: 'ACCESS EXCLUSIVE',
        rewrite: true,
        note: `${cmd.name}: type change rewrites the table and rebuilds its indexes (unless binary-coercible, e.g. varchar(n) to text)`,
      };
    case 'AT_SetNotNull':
      return {
        lock: 'ACCESS EXCLUSIVE',
        note: `${cmd.name}: SET NOT NULL scans the whole table; a validated CHECK (${cmd.name} IS NOT NULL) makes it instant`,
      };
    case 'AT_AddConstraint':
      return addConstraint(def);
    case 'AT_ValidateConstraint':
      return { lock: 'SHARE UPDATE EXCLUSIVE', note: 'VALIDATE scans the table without blocking writes' };
    case 'AT_DropColumn':
      return {
        lock: 'ACCESS EXCLUSIVE',
        note: `${cmd.name}: no rewrite, but code still selecting it breaks; irreversible without a backup`,
      };
    case 'AT_SetTableSpace':
    case 'AT_SetLogged':
    case 'AT_SetUnLogged':
      return { lock: 'ACCESS EXCLUSIVE', rewrite: true };
    case 'AT_AttachPartition':
      return {
        lock: 'SHARE UPDATE EXCLUSIVE',
        note: 'the attached partition is scanned unless a matching CHECK constraint exists',
      };
    case 'AT_DetachPartition':
      return def.concurrent === true ? { lock: 'SHARE UPDATE EXCLUSIVE' } : { lock: 'ACCESS EXCLUSIVE' };
    case 'AT_EnableTrig':
    case 'AT_DisableTrig':
    case 'AT_EnableTrigAll':
    case 'AT_DisableTrigAll':
      return { lock: 'SHARE ROW EXCLUSIVE' };
    case 'AT_SetStatistics':
    case 'AT_SetOptions':
    case 'AT_ResetOptions':
    case 'AT_SetRelOptions':
      return { lock: 'SHARE UPDATE EXCLUSIVE' };
    default:
      return { lock: 'ACCESS EXCLUSIVE' };
  }
}

/** Lock, rewrite and notes of one parsed statement. */
function reviewStatement(
  kind: string,
  node: Node,
  volatility: Volatility,
): Omit<StatementReview, 'statement' | 'kind' | 'blocks'> {
  const one = (lock: Lock, ref: unknown, notes: string[] = [], rewrite = false) => {
    const table = rangeVar(ref);
    return { tables: table ? [table] : [], lock, rewrite, notes };
  };
  switch (kind) {
    case 'AlterTableStmt': {
      const effects = ((node.cmds as Node[]) ?? []).map((c) =>
        alterTableCommand(c.AlterTableCmd as Node, volatility),
      );
      return {
        tables: [rangeVar(node.relation)].filter((t): t is TableRef => t !== undefined),
        lock: effects.reduce<Lock>((lock, e) => stronger(lock, e.lock), 'none'),
        rewrite: effects.some((e) => e.rewrite === true),
        notes: effects.flatMap((e) => (e.note ? [e.note] : [])),
      };
    }
    case 'IndexStmt':
      return node.concurrent === true
        ? one('SHARE UPDATE EXCLUSIVE', node.relation, [
            'CONCURRENTLY: writes continue; cannot run inside a transaction; a failure leaves an INVALID index to drop',
          ])
        : one('SHARE', node.relation, [
            'blocks all writes for the whole build; use CREATE INDEX CONCURRENTLY',
          ]);
    case 'DropStmt': {
      const tables = ((node.objects as unknown[]) ?? []).map((o) => {
        const names = strings((o as { List?: { items?: unknown } }).List?.items);
        return { schema: names.length > 1 ? names[0] : undefined, name: names.at(-1) ?? '?' };
      });
      if (node.removeType === 'OBJECT_INDEX') {
        return node.concurrent === true
          ? {
              tables: [],
              lock: 'SHARE UPDATE EXCLUSIVE',
              rewrite: false,
              notes: ['DROP INDEX CONCURRENTLY: writes continue'],
            }
          : {
              tables: [],
              lock: 'ACCESS EXCLUSIVE',
              rewrite: false,
              notes: ["locks the index's table completely; use DROP INDEX CONCURRENTLY"],
            };
      }
      return {
        tables,
        lock: 'ACCESS EXCLUSIVE',
        rewrite: false,
        notes: ['drops data: irreversible without a backup'],
      };
    }
    case 'RenameStmt':
      return one('ACCESS EXCLUSIVE', node.relation, [
        'brief lock, but code using the old name breaks at once',
      ]);
    case 'TruncateStmt':
      return {
        tables: ((node.relations as unknown[]) ?? [])
          .map(rangeVar)
          .filter((t): t is TableRef => t !== undefined),
        lock: 'ACCESS EXCLUSIVE',
        rewrite: false,
        notes: ['deletes every row: irreversible without a backup'],
      };
    case 'UpdateStmt':
    case 'DeleteStmt':
      return one('ROW EXCLUSIVE', node.relation, [
        node.whereClause
          ? 'row locks on every matched row until commit; batch large backfills'
          : 'no WHERE: touches every row in one transaction (row locks, WAL, bloat); batch it',
      ]);
    case 'InsertStmt':
      return one('ROW EXCLUSIVE', node.relation);
    case 'CreateStmt':
      return one('none', node.relation, [
        'new table: no lock on existing tables (a foreign key locks the referenced table in SHARE ROW EXCLUSIVE)',
      ]);
    case 'VacuumStmt': {
      const full = ((node.options as Node[]) ?? []).some(
        (o) => (o.DefElem as Node | undefined)?.defname === 'full',
      );
      const rels = ((node.rels as Node[]) ?? []).map((r) =>
        rangeVar((r.VacuumRelation as Node | undefined)?.relation),
      );
      const tables = rels.filter((t): t is TableRef => t !== undefined);
      return full
        ? {
            tables,
            lock: 'ACCESS EXCLUSIVE',
            rewrite: true,
            notes: ['VACUUM FULL rewrites the table; consider pg_repack'],
          }
        : { tables, lock: 'SHARE UPDATE EXCLUSIVE', rewrite: false, notes: [] };
    }
    case 'ClusterStmt':
      return one('ACCESS EXCLUSIVE', node.relation, ['CLUSTER rewrites the table'], true);
    case 'RefreshMatViewStmt':
      return node.concurrent === true
        ? one('EXCLUSIVE', node.relation)
        : one('ACCESS EXCLUSIVE', node.relation, [
            'use CONCURRENTLY (needs a unique index) so reads continue',
          ]);
    case 'CreateTrigStmt':
      return one('SHARE ROW EXCLUSIVE', node.relation);
    default:
      return {
        tables: [],
        lock: 'none',
        rewrite: false,
        notes: ['no table lock known for this statement kind; check the PostgreSQL docs'],
      };
  }
}

/** Parses migration SQL with PostgreSQL's own parser and reviews each statement. */
export async function reviewMigration(sql: string, volatility: Volatility): Promise<StatementReview[]> {
  let parsed: Awaited<ReturnType<typeof parse>>;
  try {
    parsed = await parse(sql);
  } catch (error) {
    throw new ToolError(ErrorCode.InvalidInput, `The migration does not parse: ${(error as Error).message}`);
  }
  return (parsed.stmts ?? []).map((raw) => {
    const entry = raw as { stmt?: Node; stmt_location?: number; stmt_len?: number };
    const [kind, node] = Object.entries(entry.stmt ?? {})[0] ?? ['Unknown', {}];
    const start = entry.stmt_location ?? 0;
    const text = (entry.stmt_len ? sql.slice(start, start + entry.stmt_len) : sql.slice(start)).trim();
    const review = reviewStatement(kind, node as Node, volatility);
    return {
      statement: text.length > 300 ? `${text.slice(0, 297)}...` : text,
      kind: kind.replace(/Stmt$/, ''),
      blocks: BLOCKS[review.lock],
      ...review,
    };
  });
}
