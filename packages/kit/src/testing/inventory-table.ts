import { readFile, writeFile } from 'node:fs/promises';
import type { ServerDefinition } from '../contracts/define.ts';
import { buildInventory } from '../contracts/inventory.ts';
import { UPDATE_CONTRACTS_VARIABLE, updateRequested } from './contracts.ts';
import { lineDiff } from './line-diff.ts';

// A server's README lists what it exposes in a table generated from its definition, between two markers; the
// shared app test fails when the table is stale and rewrites it on request, like the contract snapshots.

export const TABLE_START =
  '<!-- gatehouse:inventory (generated from the server definition: GATEHOUSE_UPDATE_CONTRACTS=1 pnpm test rewrites it) -->';
export const TABLE_END = '<!-- /gatehouse:inventory -->';

/** The Markdown table of a server's tools, resources and prompts: what clients are shown, one row each. */
export function inventoryTable(definition: ServerDefinition): string {
  const inventory = buildInventory(definition);
  const rows: string[][] = [];
  for (const { def } of inventory.tools.values()) {
    rows.push(['tool', code(def.name), def.access, codes(def.scopes), cell(def.description)]);
  }
  for (const { def } of inventory.resources) {
    rows.push([
      'resource',
      `${code(def.uri)} (${def.name})`,
      'read',
      codes(def.scopes),
      cell(def.description),
    ]);
  }
  for (const { def } of inventory.prompts.values()) {
    rows.push(['prompt', code(def.name), 'read', codes(def.scopes), cell(def.description)]);
  }
  return [
    '| kind | name | access | scopes | description |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/**
 * Compares the table between the markers in `readmeFile` with the definition's; returns the problems. With
 * `update` (default: GATEHOUSE_UPDATE_CONTRACTS=1) rewrites it, and adds a "What it exposes" section with the
 * markers when the README has none.
 */
export async function checkInventoryTable(
  definition: ServerDefinition,
  readmeFile: string,
  options: { update?: boolean } = {},
): Promise<string[]> {
  const update = options.update ?? updateRequested();
  const table = inventoryTable(definition);
  let text: string;
  try {
    text = await readFile(readmeFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (!update) return [`${readmeFile}: missing; write it with ${UPDATE_CONTRACTS_VARIABLE}=1 pnpm test`];
    text = `# ${definition.title ?? definition.name}\n`;
  }
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END, start);
  if (start === -1 || end === -1) {
    if (!update) {
      return [
        `${readmeFile}: no generated inventory table (the markers ${TABLE_START} … ${TABLE_END}); add it with ${UPDATE_CONTRACTS_VARIABLE}=1 pnpm test`,
      ];
    }
    await writeFile(readmeFile, `${text.trimEnd()}\n\n## What it exposes\n\n${block(table)}\n`);
    return [];
  }
  const current = text.slice(start + TABLE_START.length, end).trim();
  if (current === table) return [];
  if (update) {
    await writeFile(readmeFile, text.slice(0, start) + block(table) + text.slice(end + TABLE_END.length));
    return [];
  }
  const diff = lineDiff(current, table, 0).replace(/^/gm, '    ');
  return [
    `${readmeFile}: the inventory table is out of date; rewrite it with ${UPDATE_CONTRACTS_VARIABLE}=1 pnpm test\n${diff}`,
  ];
}

const block = (table: string) => `${TABLE_START}\n${table}\n${TABLE_END}`;
const code = (text: string) => `\`${text}\``;
const codes = (list: readonly string[]) => list.map(code).join(', ');
/** One table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
