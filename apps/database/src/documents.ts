import type { RelationInfo, TableDescription } from './catalog.ts';
import type { MigrationHistory } from './migrations.ts';

const cell = (value: unknown) =>
  value === null || value === undefined || value === ''
    ? ''
    : String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  if (rows.length === 0) return '(none)\n';
  return `| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |\n${rows
    .map((r) => `| ${r.map(cell).join(' | ')} |`)
    .join('\n')}\n`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A table's schema as a Markdown document a person (or model) reads top to bottom. */
export function tableDocument(
  database: string,
  schema: string,
  name: string,
  relation: Omit<RelationInfo, 'oid'>,
  description: TableDescription,
  isMasked: (column: string) => boolean,
): string {
  const rows =
    relation.rowEstimate === null ? 'not analyzed yet' : `about ${Math.round(relation.rowEstimate)} rows`;
  return [
    `# ${schema}.${name}`,
    '',
    `${relation.kind} in database ${database}: ${rows}, ${formatBytes(relation.bytes)} with indexes.`,
    relation.comment ? `\n> ${relation.comment.replace(/\n/g, '\n> ')}` : '',
    '',
    '## Columns',
    '',
    table(
      ['column', 'type', 'null', 'default', 'comment'],
      description.columns.map((c) => [
        isMasked(c.name) ? `${c.name} (masked)` : c.name,
        c.type,
        c.nullable ? 'yes' : 'no',
        c.default,
        c.comment,
      ]),
    ),
    '## Indexes',
    '',
    table(
      ['index', 'definition', 'size'],
      description.indexes.map((i) => [
        i.valid ? i.name : `${i.name} (INVALID)`,
        i.definition,
        formatBytes(i.bytes),
      ]),
    ),
    '## Constraints',
    '',
    table(
      ['constraint', 'type', 'definition'],
      description.constraints.map((c) => [c.name, c.type, c.definition]),
    ),
    '## Foreign keys',
    '',
    table(
      ['direction', 'constraint', 'definition'],
      [
        ...description.foreignKeysOut.map((f) => ['out', f.name, f.definition]),
        ...description.foreignKeysIn.map((f) => [`in from ${f.from}`, f.name, f.definition]),
      ],
    ),
  ].join('\n');
}

/** Every detected migration table's latest entries, as Markdown. */
export function migrationsDocument(database: string, histories: readonly MigrationHistory[]): string {
  if (histories.length === 0) {
    return `# Migrations of ${database}\n\nNo migration table of a known tool (Flyway, Liquibase, Prisma, Knex, Rails, Alembic, sqitch, golang-migrate) is readable.\n`;
  }
  return [
    `# Migrations of ${database}`,
    ...histories.map((h) =>
      [
        '',
        `## ${h.tool} (${h.table})`,
        h.note ? `\n${h.note}` : '',
        '',
        table(
          ['version', 'description', 'applied at', 'ok'],
          h.entries.map((e) => [
            e.version,
            e.description,
            e.appliedAt,
            e.success === null ? '' : e.success ? 'yes' : 'FAILED',
          ]),
        ),
      ].join('\n'),
    ),
  ].join('\n');
}
