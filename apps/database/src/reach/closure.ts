/**
 * What a statement really reaches: every relation and function it names, resolved on the search path as
 * PostgreSQL would, and everything those reach in turn — the relations and functions a view or materialized
 * view is defined over (their dependencies in pg_depend), what a SQL function's body reads (parsed with the
 * same guard as the statement, or from pg_depend for BEGIN ATOMIC bodies), the partitions and inheritance
 * children of a table, and what its row-level security policies call. PostgreSQL's own objects (pg_catalog,
 * information_schema) are leaves: their definitions are PostgreSQL's.
 *
 * The walk needs one catalog round trip per level of depth; everything it read is summed up in a fingerprint
 * input, so a cached reach can be checked against the catalog cheaply each time it is used.
 */
import type pg from 'pg';
import {
  analyzeFunctionBody,
  type FunctionRef,
  type MetadataProbe,
  type References,
  type RelationRef,
  referencedColumnNames,
  type SqlRefusalCode,
} from '../sql-guard/index.ts';
import { type CatalogFacts, type FunctionFacts, lookUpFacts, type RelationFacts } from './catalog-facts.ts';
import type { FingerprintInput } from './fingerprint.ts';
import { type ColumnOrigin, nodesOfType, viewLineage } from './lineage.ts';
import { constText, isTreeNode, parseNodeTree, type TreeValue } from './node-tree.ts';
import { storedReferences } from './stored-tree.ts';

export const SYSTEM_SCHEMAS: ReadonlySet<string> = new Set(['pg_catalog', 'information_schema']);

export interface ReachedRelation {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly kind: string;
  /** How the statement reaches it when it does not name it: "view public.v, function public.f()". */
  readonly via: string | undefined;
}

export interface ReachedFunction {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly language: string;
  readonly volatility: 'i' | 's' | 'v';
  readonly via: string | undefined;
  /** Reached through a stored definition (a view, a BEGIN ATOMIC body, a policy), where arguments are not read. */
  readonly stored: boolean;
}

/** A metadata probe and where it was written. */
export interface ReachedProbe {
  readonly probe: MetadataProbe;
  readonly via: string | undefined;
  /** The schema a constant unqualified name resolves to on the search path, when it resolves. */
  readonly resolvedSchema: string | undefined;
}

/** A stored tree that calls current_setting(): the setting it names, when it is a constant. */
export interface StoredSetting {
  readonly setting: string | undefined;
  readonly via: string;
}

/** A SQL function whose body names a column that is masked in a relation the statement reaches. */
export interface MaskedBodyColumn {
  readonly function: string;
  readonly column: string;
}

export interface Reach {
  readonly relations: readonly ReachedRelation[];
  readonly functions: readonly ReachedFunction[];
  readonly probes: readonly ReachedProbe[];
  readonly settings: readonly StoredSetting[];
  /** Per relation reached (by oid): the attnums whose values are masked. */
  readonly masked: ReadonlyMap<number, ReadonlySet<number>>;
  /** The names of those columns: what the statement may only select, never compute with. */
  readonly maskedNames: ReadonlySet<string>;
  readonly maskedBodyColumns: readonly MaskedBodyColumn[];
  readonly fingerprint: FingerprintInput;
}

export interface ReachOptions {
  /** The session's search path (the database's `searchPath`). */
  readonly searchPath: readonly string[];
  /** Whether a mask rule covers a column of a relation (by its schema and name or an ancestor's). */
  readonly covers: (column: { schema: string; table: string; column: string }) => boolean;
}

/** The path PostgreSQL searches for an unqualified name: pg_catalog first unless the path places it. */
export function effectivePath(path: readonly string[]): string[] {
  return path.includes('pg_catalog') ? [...path] : ['pg_catalog', ...path];
}

/** A `SET search_path` value as stored in proconfig: `"$user", public` → ['$user', 'public']. */
export function parseSearchPath(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('"') && part.endsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part,
    );
}

const KIND_LABELS: Readonly<Record<string, string>> = { v: 'view', m: 'materialized view' };

interface PendingName {
  readonly schema: string | undefined;
  readonly name: string;
  readonly path: readonly string[];
  readonly via: string | undefined;
}

interface PendingFunctionName extends PendingName {
  /** Attribute notation (`t.f`): only one-argument functions are candidates. */
  readonly attribute: boolean;
  readonly stored: boolean;
}

interface PendingProbe {
  readonly probe: MetadataProbe;
  readonly path: readonly string[];
  readonly via: string | undefined;
  resolvedSchema: string | undefined;
  resolved: boolean;
}

/** The walk's state: what is reached, and what is still to be looked up. */
class Walk {
  readonly relations = new Map<number, ReachedRelation & { facts: RelationFacts }>();
  readonly functions = new Map<number, ReachedFunction & { facts: FunctionFacts }>();
  readonly probes: PendingProbe[] = [];
  readonly trees: { tree: TreeValue; via: string }[] = [];
  readonly bodies: { function: string; columns: ReadonlySet<string> }[] = [];
  readonly atomicColumns: { function: string; columns: readonly ColumnOrigin[] }[] = [];
  readonly lineages = new Map<number, ColumnOrigin[][]>();
  // What to look up next.
  relationNames: PendingName[] = [];
  functionNames: PendingFunctionName[] = [];
  relationOids = new Map<number, string | undefined>();
  functionOids = new Map<number, { via: string | undefined; stored: boolean }>();
  operatorOids = new Map<number, string>();
  // Everything ever looked up, for the fingerprint.
  readonly allRelationNames = new Set<string>();
  readonly allFunctionNames = new Set<string>();
  readonly allOperatorNames = new Set<string>();
  readonly allSchemas = new Set<string>(['pg_catalog']);
  /** Schemas that exist, by name, as the lookups found them. */
  readonly schemaOids = new Map<string, number>();
  operatorNames = new Set<string>();
  readonly #role: string;

  constructor(role: string) {
    this.#role = role;
  }

  /** `$user` in a search path is the role the server connects as. */
  path(path: readonly string[]): string[] {
    return effectivePath(path.map((schema) => (schema === '$user' ? this.#role : schema)));
  }

  /** What a stored tree uses, reached through `via`. */
  addStored(tree: TreeValue, via: string): ReturnType<typeof storedReferences> {
    const used = storedReferences(tree);
    for (const oid of used.relations) if (!this.relations.has(oid)) this.relationOids.set(oid, via);
    for (const oid of used.functions)
      if (!this.functions.has(oid)) this.functionOids.set(oid, { via, stored: true });
    for (const oid of used.operators) this.operatorOids.set(oid, via);
    this.trees.push({ tree, via });
    return used;
  }

  addReferences(
    references: References,
    path: readonly string[],
    via: string | undefined,
    stored = false,
  ): void {
    const searched = this.path(path);
    for (const schema of searched) this.allSchemas.add(schema);
    const name = (ref: RelationRef | FunctionRef) => {
      if (ref.schema !== undefined) this.allSchemas.add(ref.schema);
      return { schema: ref.schema, name: ref.name, path: searched, via };
    };
    for (const ref of references.relations) {
      this.relationNames.push(name(ref));
      this.allRelationNames.add(ref.name);
    }
    for (const ref of references.functions) {
      this.functionNames.push({ ...name(ref), attribute: false, stored });
      this.allFunctionNames.add(ref.name);
    }
    for (const attribute of references.attributes) {
      this.functionNames.push({
        schema: undefined,
        name: attribute,
        path: searched,
        via,
        attribute: true,
        stored,
      });
      this.allFunctionNames.add(attribute);
    }
    for (const operator of references.operators) {
      this.operatorNames.add(operator);
      this.allOperatorNames.add(operator);
    }
    for (const probe of references.probes) {
      const probed = probe.name;
      const lookup =
        probed !== undefined &&
        probed.schema === undefined &&
        (probe.kind === 'relation' || probe.kind === 'function');
      this.probes.push({ probe, path: searched, via, resolvedSchema: probed?.schema, resolved: !lookup });
      if (probed === undefined) continue;
      if (probed.schema !== undefined) this.allSchemas.add(probed.schema);
      if (probe.kind === 'relation') this.allRelationNames.add(probed.name);
      if (probe.kind === 'function') this.allFunctionNames.add(probed.name);
    }
  }

  /** Probes whose unqualified constant name is still to be resolved on the search path. */
  get unresolvedProbes(): PendingProbe[] {
    return this.probes.filter((p) => !p.resolved);
  }

  get pending(): boolean {
    return (
      this.relationNames.length > 0 ||
      this.functionNames.length > 0 ||
      this.relationOids.size > 0 ||
      this.functionOids.size > 0 ||
      this.operatorOids.size > 0 ||
      this.operatorNames.size > 0 ||
      this.unresolvedProbes.length > 0
    );
  }
}

function label(relation: { schema: string; name: string; kind: string }): string {
  return `${KIND_LABELS[relation.kind] ?? 'table'} ${relation.schema}.${relation.name}`;
}

function chain(step: string, via: string | undefined): string {
  return via === undefined ? step : `${step}, ${via}`;
}

/** The first schema of `path` holding the name; an explicit schema is taken as written. */
function resolveIn<T extends { schema: string }>(
  candidates: readonly T[],
  ref: { schema: string | undefined; path: readonly string[] },
): T[] {
  if (ref.schema !== undefined) return candidates.filter((c) => c.schema === ref.schema);
  for (const schema of ref.path) {
    const found = candidates.filter((c) => c.schema === schema);
    if (found.length > 0) return found;
  }
  return [];
}

/** Function candidates: every overload in the schema written, or in every schema of the path. */
function functionCandidates(facts: readonly FunctionFacts[], ref: PendingFunctionName): FunctionFacts[] {
  const named = facts.filter((f) => f.name === ref.name && (!ref.attribute || f.argumentCount === 1));
  if (ref.schema !== undefined) return named.filter((f) => f.schema === ref.schema);
  return named.filter((f) => ref.path.includes(f.schema));
}

async function lookUp(client: pg.ClientBase, walk: Walk): Promise<CatalogFacts> {
  const probes = walk.unresolvedProbes;
  const probeNames = (kind: string) =>
    probes.filter((p) => p.probe.kind === kind).map((p) => p.probe.name!.name);
  const request = {
    relationNames: [...new Set([...walk.relationNames.map((n) => n.name), ...probeNames('relation')])],
    functionNames: [...new Set([...walk.functionNames.map((n) => n.name), ...probeNames('function')])],
    schemas: [...walk.allSchemas],
    relationOids: [...walk.relationOids.keys()].filter((oid) => !walk.relations.has(oid)),
    functionOids: [...walk.functionOids.keys()].filter((oid) => !walk.functions.has(oid)),
    operatorNames: [...walk.operatorNames],
    operatorOids: [...walk.operatorOids.keys()],
  };
  return lookUpFacts(client, request);
}

/** One level of the walk: resolve what is pending and queue what the newly reached objects reach. */
/** A refusal found while walking (a function body that is not a read, or one that calls something denied). */
export interface WalkRefusal {
  readonly code: SqlRefusalCode;
  readonly reason: string;
}

async function step(
  client: pg.ClientBase,
  walk: Walk,
  options: ReachOptions,
): Promise<WalkRefusal | undefined> {
  const facts = await lookUp(client, walk);
  for (const [name, oid] of facts.schemas) walk.schemaOids.set(name, oid);
  const byOid = new Map(facts.relations.map((r) => [r.oid, r]));
  const functionsByOid = new Map(facts.functions.map((f) => [f.oid, f]));
  const newRelations: { facts: RelationFacts; via: string | undefined }[] = [];
  const newFunctions: { facts: FunctionFacts; via: string | undefined; stored: boolean }[] = [];

  const reachRelation = (relation: RelationFacts | undefined, via: string | undefined) => {
    if (!relation || walk.relations.has(relation.oid)) return;
    walk.relations.set(relation.oid, {
      oid: relation.oid,
      schema: relation.schema,
      name: relation.name,
      kind: relation.kind,
      via,
      facts: relation,
    });
    newRelations.push({ facts: relation, via });
  };
  const reachFunction = (fn: FunctionFacts | undefined, via: string | undefined, stored: boolean) => {
    if (!fn || walk.functions.has(fn.oid)) return;
    walk.functions.set(fn.oid, {
      oid: fn.oid,
      schema: fn.schema,
      name: fn.name,
      language: fn.language,
      volatility: fn.volatility,
      via,
      stored,
      facts: fn,
    });
    newFunctions.push({ facts: fn, via, stored });
  };

  for (const ref of walk.relationNames) {
    for (const found of resolveIn(
      facts.relations.filter((r) => r.name === ref.name),
      ref,
    )) {
      reachRelation(found, ref.via);
    }
  }
  for (const ref of walk.functionNames) {
    for (const found of functionCandidates(facts.functions, ref)) reachFunction(found, ref.via, ref.stored);
  }
  for (const [oid, via] of walk.relationOids) reachRelation(byOid.get(oid), via);
  for (const [oid, { via, stored }] of walk.functionOids) reachFunction(functionsByOid.get(oid), via, stored);
  for (const [operator, via] of walk.operatorOids) {
    const fn = facts.operators.get(operator);
    if (fn !== undefined) reachFunction(functionsByOid.get(fn), via, true);
  }
  // Operators defined outside PostgreSQL's own schemas: their functions run too.
  for (const fn of facts.functions) if (fn.operator) reachFunction(fn, undefined, false);
  // A probe's constant name only needs its schema: it is checked, not read.
  for (const probe of walk.unresolvedProbes) {
    const name = probe.probe.name!.name;
    const candidates: { schema: string }[] =
      probe.probe.kind === 'relation'
        ? facts.relations.filter((r) => r.name === name)
        : facts.functions.filter((f) => f.name === name);
    probe.resolvedSchema = resolveIn(candidates, { schema: undefined, path: probe.path })[0]?.schema;
    probe.resolved = true;
  }
  walk.relationNames = [];
  walk.functionNames = [];
  walk.relationOids = new Map();
  walk.functionOids = new Map();
  walk.operatorOids = new Map();
  walk.operatorNames = new Set();

  for (const { facts: relation, via } of newRelations) {
    if (SYSTEM_SCHEMAS.has(relation.schema)) continue;
    const qualified = `${relation.schema}.${relation.name}`;
    const children = relation.kind === 'p' ? `partitions of ${qualified}` : `children of ${qualified}`;
    for (const oid of relation.children) {
      if (!walk.relations.has(oid)) walk.relationOids.set(oid, chain(children, via));
    }
    for (const policy of relation.policies) {
      walk.addStored(parseNodeTree(policy), chain(`row-level security policies of ${qualified}`, via));
    }
    if (relation.action !== null) {
      const tree = parseNodeTree(relation.action);
      walk.addStored(tree, chain(label(relation), via));
      walk.lineages.set(relation.oid, viewLineage(tree));
    }
  }
  for (const { facts: fn, via } of newFunctions) {
    if (SYSTEM_SCHEMAS.has(fn.schema)) continue;
    const here = chain(`function ${fn.schema}.${fn.name}()`, via);
    if (fn.body !== null) {
      const body = await analyzeFunctionBody(fn.body);
      if (!body.ok) {
        const reason = body.reason.replace(/^refused: /, '');
        return {
          code: body.code,
          reason: reason.startsWith('the statement ')
            ? reason.replace(/^the statement /, `the body of ${here} `)
            : `the body of ${here} is not a read: ${reason}`,
        };
      }
      const path = fn.searchPath === null ? options.searchPath : parseSearchPath(fn.searchPath);
      walk.addReferences(body, path, here);
      const columns = new Set<string>();
      for (const statement of body.statements)
        for (const name of referencedColumnNames(statement)) columns.add(name);
      walk.bodies.push({ function: `${fn.schema}.${fn.name}()`, columns });
    }
    if (fn.atomic !== null) {
      const used = walk.addStored(parseNodeTree(fn.atomic), here);
      walk.atomicColumns.push({ function: `${fn.schema}.${fn.name}()`, columns: used.columns });
    }
  }
  return undefined;
}

/** Masked attnums of every relation reached: by the rules (its name or an ancestor's), and through view lineage. */
function computeMasks(walk: Walk, options: ReachOptions): Map<number, Set<number>> {
  const masks = new Map<number, Set<number>>();
  const computing = new Set<number>();
  const maskedOf = (oid: number): Set<number> => {
    const known = masks.get(oid);
    if (known) return known;
    const relation = walk.relations.get(oid);
    if (!relation || computing.has(oid)) return new Set();
    computing.add(oid);
    const masked = new Set<number>();
    const owners = [[relation.schema, relation.name] as const, ...relation.facts.ancestors];
    for (const [attnum, column] of relation.facts.columns) {
      if (owners.some(([schema, table]) => options.covers({ schema, table, column }))) masked.add(attnum);
    }
    const lineage = walk.lineages.get(oid);
    lineage?.forEach((origins, index) => {
      const fromMasked = origins.some((origin) => {
        const source = maskedOf(origin.relid);
        return origin.attnum === 0 ? source.size > 0 : source.has(origin.attnum);
      });
      if (fromMasked) masked.add(index + 1);
    });
    computing.delete(oid);
    masks.set(oid, masked);
    return masked;
  };
  for (const oid of walk.relations.keys()) maskedOf(oid);
  return masks;
}

/** Settings named by current_setting() calls inside views and BEGIN ATOMIC bodies. */
function storedSettings(walk: Walk): StoredSetting[] {
  const settingFunctions = new Set(
    [...walk.functions.values()]
      .filter((f) => f.schema === 'pg_catalog' && f.name === 'current_setting')
      .map((f) => f.oid),
  );
  if (settingFunctions.size === 0) return [];
  const settings: StoredSetting[] = [];
  for (const { tree, via } of walk.trees) {
    for (const call of nodesOfType(tree, 'FUNCEXPR')) {
      if (!settingFunctions.has(Number(call.funcid))) continue;
      const first = Array.isArray(call.args) ? call.args[0] : undefined;
      settings.push({ setting: isTreeNode(first) ? constText(first) : undefined, via });
    }
  }
  return settings;
}

/** What the reach depends on that a role without superuser rights can change (see fingerprint.ts). */
function fingerprintOf(walk: Walk): FingerprintInput {
  const user = (schema: string) => !SYSTEM_SCHEMAS.has(schema);
  const relations = [...walk.relations.values()].filter((r) => user(r.schema));
  const functions = [...walk.functions.values()].filter((f) => user(f.schema));
  const schemaNames = [...walk.allSchemas].filter(user);
  const schemaOids = new Set<number>();
  for (const name of schemaNames) {
    const oid = walk.schemaOids.get(name);
    if (oid !== undefined) schemaOids.add(oid);
  }
  for (const object of [...relations, ...functions]) schemaOids.add(object.facts.namespace);
  return {
    relationNames: [...walk.allRelationNames],
    functionNames: [...walk.allFunctionNames],
    operatorNames: [...walk.allOperatorNames],
    schemaNames,
    schemaOids: [...schemaOids],
    relationOids: relations.map((r) => r.oid),
    functionOids: functions.map((f) => f.oid),
  };
}

export type ReachResult =
  | { readonly ok: true; readonly reach: Reach }
  | ({ readonly ok: false } & WalkRefusal);

/** Walks the catalog from a statement's references. `client` is inside a REPEATABLE READ transaction. */
export async function computeReach(
  client: pg.ClientBase,
  references: References,
  options: ReachOptions & { readonly role: string },
): Promise<ReachResult> {
  const walk = new Walk(options.role);
  walk.addReferences(references, options.searchPath, undefined);
  for (let depth = 0; walk.pending; depth++) {
    if (depth > 32) {
      return {
        ok: false,
        code: 'sql_not_read_only',
        reason: 'views and functions are nested more than 32 levels deep',
      };
    }
    const refusal = await step(client, walk, options);
    if (refusal) return { ok: false, ...refusal };
  }
  const masked = computeMasks(walk, options);
  const maskedNames = new Set<string>();
  for (const [oid, attnums] of masked) {
    const columns = walk.relations.get(oid)?.facts.columns ?? [];
    for (const [attnum, name] of columns) if (attnums.has(attnum)) maskedNames.add(name);
  }
  const maskedBodyColumns: MaskedBodyColumn[] = [];
  for (const body of walk.bodies) {
    for (const column of body.columns) {
      if (maskedNames.has(column)) maskedBodyColumns.push({ function: body.function, column });
    }
  }
  for (const body of walk.atomicColumns) {
    for (const { relid, attnum } of body.columns) {
      const columns = masked.get(relid);
      if (!columns || (attnum === 0 ? columns.size === 0 : !columns.has(attnum))) continue;
      const name = walk.relations.get(relid)?.facts.columns.find(([n]) => n === attnum)?.[1] ?? '*';
      maskedBodyColumns.push({ function: body.function, column: name });
    }
  }
  const probes = walk.probes.map(({ probe, via, resolvedSchema }) => ({ probe, via, resolvedSchema }));
  return {
    ok: true,
    reach: {
      relations: [...walk.relations.values()].map(({ facts: _facts, ...relation }) => relation),
      functions: [...walk.functions.values()].map(({ facts: _facts, ...fn }) => fn),
      probes,
      settings: storedSettings(walk),
      masked,
      maskedNames,
      maskedBodyColumns,
      fingerprint: fingerprintOf(walk),
    },
  };
}
