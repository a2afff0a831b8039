import { fileURLToPath } from 'node:url';
import { KitSettingsSchema, loadConfig, loadPolicyFile } from '@gatehouse/kit/operator';
import { startHttp } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
// The kit's example server: a real server definition with a read tool the `reader` role may call.
import { notesServer } from '../../../kit/example/notes-server.ts';
import { memoryContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { keysCommand } from './keys.ts';

async function create(...argv: string[]) {
  const io = memoryContext();
  expect(await keysCommand(['create', ...argv], io.context)).toBe(0);
  return io;
}

describe('gatehouse keys create', () => {
  it('prints a key a server accepts when given the printed entry in GATEHOUSE_API_KEYS', async () => {
    const { stdout } = await create('--actor', 'alice', '--roles', 'reader', '--scopes', 'notes:read');
    const [key = '', entryLine = ''] = stdout;
    // The entry goes into the setting exactly as a server reads it.
    const settings = await loadConfig(KitSettingsSchema, {
      env: { GATEHOUSE_API_KEYS: `[${entryLine}]` },
      prefix: 'GATEHOUSE_',
    });
    const server = await startHttp(notesServer(), {
      policy: await loadPolicyFile(
        fileURLToPath(new URL('../../../kit/example/policy.yaml', import.meta.url)),
      ),
      apiKeys: settings.apiKeys,
    });
    try {
      const client = await server.connect(key);
      const result = await client.callTool({ name: 'list_notes', arguments: {} });
      expect(result.isError).not.toBe(true);
      expect(result.structuredContent).toMatchObject({ notes: expect.any(Array) });
      // And nothing else gets in: a different key is refused at the door.
      await expect(server.connect(`${key}x`)).rejects.toThrow();
    } finally {
      await server.close();
    }
  });

  it('keeps the key out of the entry and makes a new key every time', async () => {
    const first = await create('--actor', 'bob');
    const second = await create('--actor', 'bob');
    const [key = '', entryLine = ''] = first.stdout;
    expect(key).toMatch(/^gh_key_[A-Za-z0-9_-]{43}$/);
    expect(second.stdout[0]).not.toBe(key);
    const entry = JSON.parse(entryLine);
    expect(entry).toEqual({
      hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      actor: 'bob',
      scopes: [],
      roles: [],
    });
    expect(entryLine).not.toContain(key.slice('gh_key_'.length));
    expect(first.stderr.join('\n')).toContain('shown only now');
    expect(first.stderr.join('\n')).not.toContain(key);
  });

  it('prints one JSON object with --json', async () => {
    const { stdout } = await create('--actor', 'carol', '--scopes', 'docs:read, notes:read', '--json');
    expect(stdout).toHaveLength(1);
    const { key, entry } = JSON.parse(stdout[0] as string);
    expect(entry).toMatchObject({ actor: 'carol', scopes: ['docs:read', 'notes:read'], roles: [] });
    expect(key).toMatch(/^gh_key_/);
  });

  it('refuses to create a key without an actor or with a bad one', async () => {
    const run = (...argv: string[]) => keysCommand(argv, memoryContext().context);
    await expect(run('create')).rejects.toThrow('--actor is required');
    await expect(run('create', '--actor', '  ')).rejects.toThrow('--actor is required');
    await expect(run('create', '--actor', 'a\nb')).rejects.toThrow(UsageError);
    await expect(run('delete')).rejects.toThrow('unknown subcommand keys delete; valid: create');
    await expect(run()).rejects.toThrow('missing subcommand');
  });
});
