import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { notesServer } from '../../example/notes-server.ts';
import { checkInventoryTable, inventoryTable, TABLE_END, TABLE_START } from './inventory-table.ts';

let dir: string;
let readme: string;
beforeEach(async () => {
  vi.stubEnv('GATEHOUSE_UPDATE_CONTRACTS', '');
  dir = await mkdtemp(join(tmpdir(), 'readme-'));
  readme = join(dir, 'README.md');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('inventoryTable', () => {
  it('has one row per tool, resource and prompt with access, scopes and the description clients see', () => {
    const lines = inventoryTable(notesServer()).split('\n');
    expect(lines.slice(0, 2)).toEqual([
      '| kind | name | access | scopes | description |',
      '| --- | --- | --- | --- | --- |',
    ]);
    expect(lines).toContain('| tool | `add_note` | write | `notes:write` | Add a note. Needs approval. |');
    expect(lines).toContain(
      '| tool | `delete_note` | destructive | `notes:write` | Delete a note for good. Needs approval. |',
    );
    expect(lines).toContain(
      '| resource | `notes://{id}` (note) | read | `notes:read` | One note as Markdown. |',
    );
    expect(lines).toContain(
      '| prompt | `summarize_notes` | read | `notes:read` | Ask for a summary of the notes by one author. |',
    );
    expect(lines).toHaveLength(2 + 4 + 1 + 1);
  });
});

describe('checkInventoryTable', () => {
  it('fails a README without the table, and adds it on request', async () => {
    await writeFile(readme, '# Notes\n\nA demo.\n');
    expect(await checkInventoryTable(notesServer(), readme)).toEqual([
      expect.stringContaining(`${readme}: no generated inventory table`),
    ]);
    expect(await checkInventoryTable(notesServer(), readme, { update: true })).toEqual([]);
    const text = await readFile(readme, 'utf8');
    expect(text).toMatch(/^# Notes\n\nA demo.\n\n## What it exposes\n\n<!-- gatehouse:inventory/);
    expect(await checkInventoryTable(notesServer(), readme)).toEqual([]);
  });

  it('shows a stale table as a diff and rewrites only what is between the markers', async () => {
    const stale = inventoryTable(notesServer()).replace('Add a note. Needs approval.', 'Add a note.');
    await writeFile(readme, `# Notes\n\n${TABLE_START}\n${stale}\n${TABLE_END}\n\nMore text.\n`);
    const [problem] = await checkInventoryTable(notesServer(), readme);
    expect(problem).toContain('the inventory table is out of date');
    expect(problem).toContain('    - | tool | `add_note` | write | `notes:write` | Add a note. |');
    expect(problem).toContain(
      '    + | tool | `add_note` | write | `notes:write` | Add a note. Needs approval. |',
    );
    vi.stubEnv('GATEHOUSE_UPDATE_CONTRACTS', '1');
    expect(await checkInventoryTable(notesServer(), readme)).toEqual([]);
    const text = await readFile(readme, 'utf8');
    expect(text).toBe(
      `# Notes\n\n${TABLE_START}\n${inventoryTable(notesServer())}\n${TABLE_END}\n\nMore text.\n`,
    );
  });

  it('escapes pipes and joins lines inside a cell', () => {
    const server = notesServer();
    const [tool] = server.tools;
    const odd = { ...server, tools: [{ ...tool, description: 'a | b\n  c' }] } as typeof server;
    expect(inventoryTable(odd)).toContain('| a \\| b c |');
  });
});
