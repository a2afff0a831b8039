import { type Boundary, boundaryRefusal } from '@gatehouse/kit';
import type { DatabaseConfig } from './config.ts';
import { schemaTarget, tableTarget } from './targets.ts';

/*
 * A database's allowSchemas / denySchemas / allowTables / denyTables as kit policy: server boundaries every role is
 * intersected with, so a table outside them is refused (`forbidden`, audited `denied` with its target, the
 * refusal naming the setting) by the same check as the caller's own roles — in a tool's target, in every relation a
 * statement reaches, in listings (`ctx.mayAccess`). A schema `s` stands for its target `db:<database>/s` and every
 * relation in it (`db:<database>/s.*`); a `schema.table` glob for `db:<database>/schema.table`.
 *
 * PostgreSQL's own schemas (pg_catalog, information_schema, pg_toast...) are never the database's content, but a
 * statement may read its catalogs: the allow lists admit them, and only a deny list names them away.
 */

/** Schemas PostgreSQL reserves (a user schema cannot be named pg_*) and the SQL standard's information schema. */
const SYSTEM_SCHEMA_GLOBS = ['pg_*', 'information_schema'];

const setting = (config: DatabaseConfig, list: string) => `databases[${config.name}].${list}`;

/** `schema` glob → the schema's target and the targets of everything in it. */
function schemaGlobs(database: string, schema: string): string[] {
  return [schemaTarget(database, schema), tableTarget(database, schema, '*')];
}

/** `schema.table` glob → its target. */
function tableGlob(database: string, glob: string): string {
  const dot = glob.indexOf('.');
  return tableTarget(database, glob.slice(0, dot), glob.slice(dot + 1));
}

/** The boundaries drawn by one database's lists; none for lists left empty. */
export function databaseBoundaries(config: DatabaseConfig): Boundary[] {
  const db = config.name;
  // Every schema target and every relation target of this database, and nothing of another.
  const everything = [schemaTarget(db, '*')];
  const relations = [tableTarget(db, '*', '*')];
  const system = SYSTEM_SCHEMA_GLOBS.flatMap((schema) => schemaGlobs(db, schema));
  const boundaries: Boundary[] = [];
  if (config.allowSchemas.length > 0) {
    boundaries.push({
      setting: setting(config, 'allowSchemas'),
      within: everything,
      allow: [...config.allowSchemas.flatMap((schema) => schemaGlobs(db, schema)), ...system],
    });
  }
  if (config.denySchemas.length > 0) {
    boundaries.push({
      setting: setting(config, 'denySchemas'),
      within: everything,
      deny: config.denySchemas.flatMap((schema) => schemaGlobs(db, schema)),
    });
  }
  if (config.allowTables.length > 0) {
    boundaries.push({
      setting: setting(config, 'allowTables'),
      within: relations,
      allow: [...config.allowTables.map((glob) => tableGlob(db, glob)), ...system],
    });
  }
  if (config.denyTables.length > 0) {
    boundaries.push({
      setting: setting(config, 'denyTables'),
      within: relations,
      deny: config.denyTables.map((glob) => tableGlob(db, glob)),
    });
  }
  return boundaries;
}

/**
 * Whether a database's own boundaries admit a target, whoever asks: for what the server decides without a caller
 * (which schemas the role check looks at, what a resource listing offers). Callers are checked by the kit.
 */
export function withinBoundaries(boundaries: readonly Boundary[], target: string): boolean {
  return boundaryRefusal(boundaries, target) === undefined;
}
