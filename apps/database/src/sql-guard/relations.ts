/**
 * The relations a read statement names (as written: schema if given, and name, exactly as the parser
 * returns them), without the names that refer to a WITH query in scope, and the refusal of catalogs that
 * hold secrets or bypass masking.
 */
import { refuse, type SqlRefusal } from './refusal.ts';
import { type AstNode, type AstStep, listField, nodeField, unwrapNode, walkAst } from './walk.ts';

export interface RelationRef {
  readonly schema: string | undefined;
  readonly name: string;
}

/**
 * Catalogs refused by name (schema pg_catalog or unqualified, which resolves to pg_catalog first): password
 * hashes and user-mapping credentials, large-object contents, server configuration files, and column
 * statistics, whose sample values (most common values, histograms) would bypass column masking.
 */
const REFUSED_CATALOGS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    pg_authid: 'holds role password hashes',
    pg_shadow: 'holds role password hashes',
    pg_user_mapping: 'holds credentials for foreign servers',
    pg_user_mappings: 'holds credentials for foreign servers',
    pg_largeobject: 'holds the contents of large objects',
    pg_file_settings: 'shows the server configuration files',
    pg_settings: 'shows every server setting, including file paths; SHOW one harmless setting instead',
    pg_config: "shows the server's build configuration and installation paths",
    pg_hba_file_rules: 'shows the client authentication file',
    pg_ident_file_mappings: 'shows the user name mapping file',
    pg_statistic: 'holds sample column values, which would bypass column masking',
    pg_statistic_ext_data: 'holds sample column values, which would bypass column masking',
    pg_stats: 'shows sample column values, which would bypass column masking',
    pg_stats_ext: 'shows sample column values, which would bypass column masking',
    pg_stats_ext_exprs: 'shows sample column values, which would bypass column masking',
  }),
);

function cteNames(withClause: AstNode): { names: string[]; nodes: unknown[]; recursive: boolean } {
  const ctes = listField(withClause.fields, 'ctes').map(unwrapNode);
  return {
    names: ctes.map((cte) => (typeof cte?.fields.ctename === 'string' ? cte.fields.ctename : '')),
    nodes: ctes.map((cte) => cte?.fields),
    recursive: withClause.fields.recursive === true,
  };
}

/**
 * The WITH names visible at the end of `ancestors`. A non-recursive WITH query sees only the WITH queries
 * before it; a recursive one sees all of its siblings; the main query sees them all.
 */
function visibleCteNames(ancestors: readonly AstStep[]): Set<string> {
  const visible = new Set<string>();
  ancestors.forEach((step, index) => {
    if (step.node.type !== 'SelectStmt') return;
    const withClause = nodeField(step.node.fields, 'withClause');
    if (!withClause) return;
    const { names, nodes, recursive } = cteNames(withClause);
    let count = names.length;
    if (step.field === 'withClause' && !recursive) {
      const inside = ancestors[index + 2]?.node;
      const position = nodes.indexOf(inside?.fields);
      if (position >= 0) count = position;
    }
    for (const name of names.slice(0, count)) visible.add(name);
  });
  return visible;
}

/** Every relation (table, view...) the tree names, de-duplicated, in parse-tree order. */
export function collectRelations(read: AstNode): RelationRef[] {
  const relations = new Map<string, RelationRef>();
  walkAst({ [read.type]: read.fields }, (node, ancestors) => {
    if (node.type !== 'RangeVar' || typeof node.fields.relname !== 'string') return;
    const schema = typeof node.fields.schemaname === 'string' ? node.fields.schemaname : undefined;
    const name = node.fields.relname;
    if (schema === undefined && visibleCteNames(ancestors).has(name)) return;
    relations.set(JSON.stringify([schema, name]), { schema, name });
  });
  return [...relations.values()];
}

/** Why a pg_catalog relation may not be read at all (it holds secrets, paths or sample values), or undefined. */
export function refusedCatalogReason(name: string): string | undefined {
  return REFUSED_CATALOGS.get(name);
}

/** The refusal for the first relation that is a refused system catalog, if any. */
export function systemCatalogRefusal(relations: readonly RelationRef[]): SqlRefusal | undefined {
  for (const relation of relations) {
    const why = REFUSED_CATALOGS.get(relation.name);
    if (why === undefined || (relation.schema !== undefined && relation.schema !== 'pg_catalog')) continue;
    const written = relation.schema ? `${relation.schema}.${relation.name}` : relation.name;
    return refuse('sql_system_catalog', `the statement reads ${written}, which ${why}`);
  }
  return undefined;
}
