import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../src/contracts/define.ts';
import { type HttpHarness, startHttp, testApiKey } from '../src/testing/index.ts';
import { errorCodeOf, notesFixture, textOf } from './fixtures.ts';

// Server-level boundaries (KitServerOptions.boundaries, as an app passes its own config) over real HTTP with the
// official SDK client: every role is intersected with them, the refusal names the boundary's setting, and every
// refusal, whatever refused it, is audited as `denied` with its target.

/** Reads several notes, checking each as a run-time target, and lists those the caller may see. */
const readMany = defineTool({
  name: 'read_many',
  title: 'Read several notes',
  description: 'Test tool: checks each note while running.',
  version: '1.0.0',
  access: 'read',
  scopes: ['notes:read'],
  target: () => 'notebook:demo',
  input: z.object({ ids: z.array(z.string()).min(1), quiet: z.boolean().default(false) }),
  output: z.object({ ids: z.array(z.string()) }),
  async handler({ ids, quiet }, ctx) {
    if (quiet) return { ids: ids.filter((id) => ctx.mayAccess(`note:${id}`)) };
    for (const id of ids) ctx.authorizeTarget(`note:${id}`);
    return { ids };
  },
});

const alice = testApiKey('alice', ['editor']); // editor: targets note:* and notebook:*
const fx = notesFixture();
let harness: HttpHarness;

beforeAll(async () => {
  harness = await startHttp(
    { ...fx.definition, tools: [...fx.definition.tools, readMany] },
    {
      ...fx.options,
      apiKeys: [alice.entry],
      boundaries: [
        { setting: 'NOTES_ALLOWLIST', allow: ['notebook:*', 'note:n1', 'note:n2'] },
        { setting: 'NOTES_DENYLIST', deny: ['note:n2'] },
      ],
    },
  );
});
afterAll(async () => {
  await harness.close();
});

describe('server boundaries over HTTP', () => {
  it('refuses a declared target outside the boundary whatever the role allows, naming the setting', async () => {
    const client = await harness.connect(alice.key);
    const inside = await client.callTool({ name: 'get_note', arguments: { id: 'n1' } });
    expect(inside.isError).toBeFalsy();

    const outside = await client.callTool({ name: 'get_note', arguments: { id: 'n3' } });
    expect(errorCodeOf(outside)).toBe('forbidden');
    expect(textOf(outside)).toContain(
      "note:n3 is outside this server's boundary: it is not in NOTES_ALLOWLIST",
    );
    expect(fx.audit.records.at(-1)).toMatchObject({
      name: 'get_note',
      target: 'note:n3',
      decision: 'denied',
      code: 'forbidden',
    });

    const denied = await client.callTool({ name: 'get_note', arguments: { id: 'n2' } });
    expect(textOf(denied)).toContain('NOTES_DENYLIST excludes it');
    expect(fx.audit.records.at(-1)).toMatchObject({ target: 'note:n2', decision: 'denied' });
  });

  it('refuses a run-time target outside the boundary, audited as denied with that target', async () => {
    const client = await harness.connect(alice.key, { era: 'modern' });
    const result = await client.callTool({ name: 'read_many', arguments: { ids: ['n1', 'n3'] } });
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(textOf(result)).toContain('NOTES_ALLOWLIST');
    expect(fx.audit.records.at(-1)).toMatchObject({
      name: 'read_many',
      target: 'note:n3',
      targets: ['notebook:demo', 'note:n1', 'note:n3'],
      decision: 'denied',
    });
    // ctx.mayAccess answers the same question without refusing: for filtering what a search returns.
    const filtered = await client.callTool({
      name: 'read_many',
      arguments: { ids: ['n1', 'n2', 'n3'], quiet: true },
    });
    expect(filtered.structuredContent).toEqual({ ids: ['n1'] });
  });

  it('refuses a destructive call outside the boundary before anyone is asked to approve it', async () => {
    const client = await harness.connect(alice.key);
    const result = await client.callTool({ name: 'delete_note', arguments: { id: 'n3' } });
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(await harness.kit.gate.approvals.list()).toEqual([]);
    expect(fx.notebook.get('n3')).toBeDefined();
    expect(fx.audit.records.at(-1)).toMatchObject({ target: 'note:n3', decision: 'denied' });
  });

  it('keeps resources outside the boundary out of listings and refuses reading them', async () => {
    const client = await harness.connect(alice.key);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(['notes://n1']);
    await expect(client.readResource({ uri: 'notes://n3' })).rejects.toThrow(/NOTES_ALLOWLIST/);
    expect(fx.audit.records.at(-1)).toMatchObject({
      kind: 'resource',
      target: 'note:n3',
      decision: 'denied',
    });
  });
});
