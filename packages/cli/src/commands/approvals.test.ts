import { type ApprovalStore, createPostgresApprovalStore } from '@gatehouse/kit/operator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../test/support.ts';
import { memoryContext } from '../context.ts';
import { CommandFailure, UsageError } from '../errors.ts';
import { approvalsCommand, describeApproval } from './approvals.ts';

let db: TestDatabase;
let store: ApprovalStore;

beforeAll(async () => {
  db = await startTestDatabase();
  store = createPostgresApprovalStore(db.pool);
});
afterAll(async () => {
  await db?.stop();
});

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const io = memoryContext({ GATEHOUSE_DATABASE_URL: db.url, ...env });
  const code = await approvalsCommand(argv, io.context);
  return { code, stdout: io.stdout, stderr: io.stderr.join('\n') };
}

const request = (actor: string, tool = 'add_note') => ({
  actor,
  server: 'notes',
  tool,
  inputDigest: `sha256:${'ab'.repeat(32)}`,
  target: 'notebook:demo',
  summary: `Add a note "Q3 plan" to notebook demo as ${actor}`,
  ttlSeconds: 900,
});

describe('gatehouse approvals', () => {
  it('shows what a person needs to decide', async () => {
    const created = await store.create(request('carol'));
    const { stdout, stderr } = await run(['show', created.id]);
    const text = stdout.join('\n');
    for (const expected of [
      `Approval:      ${created.id}`,
      'Status:        pending',
      'Summary:       Add a note "Q3 plan" to notebook demo as carol',
      'Tool:          add_note',
      'Server:        notes',
      'Actor:         carol',
      'Target:        notebook:demo',
      `Input digest:  sha256:${'ab'.repeat(32)}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Created: {7}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ/);
    expect(text).toMatch(/Expires: {7}\S+ \S+ \(in 1[45]m\)/);
    expect(stderr).toContain(`gatehouse approvals grant ${created.id}`);
  });

  it('grants as --by, GATEHOUSE_ACTOR or the OS user, in that order', async () => {
    const first = await store.create(request('dave'));
    const byOption = await run(['grant', first.id, '--by', 'erin'], { GATEHOUSE_ACTOR: 'frank' });
    expect(byOption.stdout.join('')).toMatch(
      new RegExp(`^Granted ${first.id} \\(add_note on notes for dave\\) by erin`),
    );
    expect(await store.get(first.id)).toMatchObject({
      status: 'granted',
      decidedBy: 'erin',
      decidedVia: 'cli',
    });

    const second = await store.create(request('dave'));
    await run(['grant', second.id], { GATEHOUSE_ACTOR: 'frank' });
    expect((await store.get(second.id))?.decidedBy).toBe('frank');

    const third = await store.create(request('dave'));
    await run(['grant', third.id]);
    const { userInfo } = await import('node:os');
    expect((await store.get(third.id))?.decidedBy).toBe(userInfo().username);
  });

  it('denies with a reason, and refuses to decide twice with the store’s reason', async () => {
    const created = await store.create(request('gina'));
    const denied = await run([
      'deny',
      created.id,
      '--reason',
      'not in the freeze window',
      '--by',
      'hank',
      '--json',
    ]);
    expect(JSON.parse(denied.stdout[0] as string)).toMatchObject({
      id: created.id,
      status: 'denied',
      decidedBy: 'hank',
      reason: 'not in the freeze window',
    });
    const again = run(['grant', created.id, '--by', 'hank']);
    await expect(again).rejects.toThrow(CommandFailure);
    await expect(again).rejects.toThrow(
      `cannot grant ${created.id}: approval ${created.id} was denied by hank`,
    );
  });

  it('lists with status and actor filters, consumed meaning used', async () => {
    const pending = await store.create(request('ivan', 'delete_note'));
    const used = await store.create(request('ivan'));
    await store.grant(used.id, { by: 'judy', via: 'cli' });
    await store.consume({ actor: 'ivan', server: 'notes', tool: 'add_note', inputDigest: used.inputDigest });
    const all = await run(['list', '--actor', 'ivan', '--status', 'all', '--json']);
    expect(all.stdout.map((line) => JSON.parse(line).id)).toEqual([pending.id, used.id]);
    const consumed = await run(['list', '--actor', 'ivan', '--status', 'consumed', '--json']);
    expect(consumed.stdout.map((line) => JSON.parse(line))).toMatchObject([{ id: used.id, status: 'used' }]);
    const table = await run(['list', '--actor', 'ivan']);
    expect(table.stdout[0]).toMatch(/^ID +STATUS +ACTOR +SERVER +TOOL +CREATED +EXPIRES +SUMMARY$/);
    expect(table.stdout[1]).toMatch(
      new RegExp(`^${pending.id} +pending +ivan +notes +delete_note .* in 1[45]m +Add a note`),
    );
    expect(table.stdout).toHaveLength(2);
    const none = await run(['list', '--actor', 'nobody']);
    expect(none.stdout).toEqual([]);
    expect(none.stderr).toBe('No approval requests are waiting.');
  });

  it('shows invisible and bidi characters as visible escapes in show, list and JSON', async () => {
    // Records written before summaries were escaped, or fields a caller controls, can hold such characters.
    const sneaky = await store.create({
      ...request('kim\u200B'),
      target: 'notebook:\u202Edemo',
      summary: 'Add a note "txt.exe\u202E" to notebook demo',
    });
    const shown = (await run(['show', sneaky.id])).stdout.join('\n');
    expect(shown).toContain('Summary:       Add a note "txt.exe\\u202E" to notebook demo');
    expect(shown).toContain('Actor:         kim\\u200B');
    expect(shown).toContain('Target:        notebook:\\u202Edemo');
    expect(shown).not.toMatch(/[\u200B\u202E]/);

    const table = (await run(['list', '--actor', 'kim\u200B'])).stdout.join('\n');
    expect(table).toContain('kim\\u200B');
    expect(table).toContain('txt.exe\\u202E');
    expect(table).not.toMatch(/[\u200B\u202E]/);

    // JSON stays the same JSON to a parser, with nothing a terminal would render invisibly.
    const [line] = (await run(['show', sneaky.id, '--json'])).stdout;
    expect(line).not.toMatch(/[^\x20-\x7e]/);
    expect(JSON.parse(line as string)).toMatchObject({ actor: 'kim\u200B', target: 'notebook:\u202Edemo' });
  });

  it('fails with exit-1 errors for unknown ids', async () => {
    await expect(run(['show', 'apr_doesnotexist'])).rejects.toThrow('no approval apr_doesnotexist');
    await expect(run(['grant', 'apr_doesnotexist'])).rejects.toThrow(/does not exist/);
  });

  it('refuses bad usage before touching the database', async () => {
    const cases: string[][] = [
      [],
      ['approve', 'x'],
      ['show'],
      ['show', 'a', 'b'],
      ['list', '--status', 'open'],
      ['list', '--by', 'x'],
      ['grant', 'x', '--reason', 'r'],
      ['show', 'x', '--nope'],
    ];
    for (const argv of cases) await expect(run(argv), argv.join(' ')).rejects.toThrow(UsageError);
    const io = memoryContext({});
    await expect(approvalsCommand(['list'], io.context)).rejects.toThrow(
      /^no database: start the local servers \(\.\/gatehouse start.*or pass --database-url or set GATEHOUSE_DATABASE_URL$/,
    );
  });

  it('describes records whatever their state', () => {
    const lines = describeApproval(
      {
        id: 'apr_x',
        actor: 'a',
        server: 's',
        tool: 't',
        inputDigest: 'sha256:1',
        target: 'x',
        summary: 'do it',
        status: 'denied',
        createdAt: '2026-11-24T10:00:00.000Z',
        expiresAt: '2026-11-24T10:15:00.000Z',
        decidedBy: 'b',
        decidedAt: '2026-11-24T10:01:00.000Z',
        reason: 'no',
      },
      Date.parse('2026-11-24T10:05:00Z'),
    );
    expect(lines).toContain('Expires:       2026-11-24 10:15:00Z (in 10m)');
    expect(lines).toContain('Decided by:    b');
    expect(lines).toContain('Reason:        no');
  });
});
