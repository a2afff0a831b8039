import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, auditRecord, startTestDatabase, storeAudit, type TestDatabase } from '../../test/support.ts';
import { memoryContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { auditCommand, auditFilters } from './audit.ts';

const MINUTE = 60_000;
let db: TestDatabase;
const now = Date.now();

beforeAll(async () => {
  db = await startTestDatabase();
  await storeAudit(db.pool, [
    auditRecord({ time: ago(3 * 86_400_000, now), actor: 'alice', name: 'list_notes' }),
    auditRecord({ time: ago(90 * MINUTE, now), actor: 'bob', name: 'get_note', target: 'note:n1' }),
    auditRecord({
      time: ago(30 * MINUTE, now),
      actor: 'alice',
      name: 'add_note',
      access: 'write',
      decision: 'approval_required',
      outcome: 'not_run',
      code: 'approval_required',
      durationMs: 1.2,
    }),
    auditRecord({
      time: ago(10 * MINUTE, now),
      actor: 'alice',
      server: 'docs',
      name: 'search_docs',
      target: 'docs:*',
    }),
    auditRecord({
      time: ago(5 * MINUTE, now),
      actor: 'mallory',
      name: 'delete_note',
      access: 'destructive',
      decision: 'denied',
      outcome: 'not_run',
      code: 'forbidden',
    }),
  ]);
});
afterAll(async () => {
  await db?.stop();
});

async function run(argv: string[], signal?: AbortSignal) {
  const io = memoryContext({ GATEHOUSE_DATABASE_URL: db.url }, signal);
  const code = await auditCommand(argv, io.context);
  return { code, stdout: io.stdout, stderr: io.stderr.join('\n') };
}

const names = (lines: string[]) => lines.map((line) => JSON.parse(line).name);

describe('gatehouse audit query', () => {
  it('filters by time (relative or ISO), actor, server, tool and decision', async () => {
    expect(names((await run(['query', '--json'])).stdout)).toEqual([
      'list_notes',
      'get_note',
      'add_note',
      'search_docs',
      'delete_note',
    ]);
    expect(names((await run(['query', '--since', '1h', '--json'])).stdout)).toEqual([
      'add_note',
      'search_docs',
      'delete_note',
    ]);
    const until = new Date(now - 20 * MINUTE).toISOString();
    expect(names((await run(['query', '--since', '2h', '--until', until, '--json'])).stdout)).toEqual([
      'get_note',
      'add_note',
    ]);
    expect(names((await run(['query', '--actor', 'alice', '--json'])).stdout)).toEqual([
      'list_notes',
      'add_note',
      'search_docs',
    ]);
    expect(names((await run(['query', '--server', 'docs', '--json'])).stdout)).toEqual(['search_docs']);
    expect(names((await run(['query', '--tool', 'get_note', '--json'])).stdout)).toEqual(['get_note']);
    expect(names((await run(['query', '--decision', 'denied', '--json'])).stdout)).toEqual(['delete_note']);
    expect((await run(['query', '--actor', 'nobody', '--json'])).stdout).toEqual([]);
  });

  it('writes whole records as JSON lines, with their ids', async () => {
    const [line] = (await run(['query', '--tool', 'add_note', '--json'])).stdout;
    expect(JSON.parse(line as string)).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      actor: 'alice',
      server: 'notes',
      kind: 'tool',
      name: 'add_note',
      access: 'write',
      decision: 'approval_required',
      outcome: 'not_run',
      code: 'approval_required',
      inputDigest: 'sha256:abc',
    });
  });

  it('prints aligned columns and says when the limit cut the answer', async () => {
    const { stdout, stderr } = await run(['query', '--since', '2h', '--limit', '3']);
    expect(stdout).toHaveLength(4);
    expect(stdout[0]).toMatch(/^TIME +ACTOR +SERVER +NAME +DECISION +OUTCOME +MS +TARGET$/);
    expect(stdout[1]).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ +bob +notes +get_note +allowed +ok +1 +note:n1$/,
    );
    expect(stdout[2]).toMatch(
      /alice +notes +add_note +approval_required +not_run approval_required +1 +notebook:demo$/,
    );
    // Each column starts at the same place on every line.
    const [header = '', bob = '', alice = ''] = stdout;
    expect([bob.indexOf('bob'), alice.indexOf('alice')]).toEqual([
      header.indexOf('ACTOR'),
      header.indexOf('ACTOR'),
    ]);
    expect([bob.indexOf('get_note'), alice.indexOf('add_note')]).toEqual([
      header.indexOf('NAME'),
      header.indexOf('NAME'),
    ]);
    expect(bob.indexOf('note:n1')).toBe(header.indexOf('TARGET'));
    expect(stderr).toMatch(/Showing the first 3 matching records; more match/);
  });
});

describe('gatehouse audit tail', () => {
  it('prints the newest records, oldest first', async () => {
    expect(names((await run(['tail', '-n', '2', '--json'])).stdout)).toEqual(['search_docs', 'delete_note']);
    expect(names((await run(['tail', '--actor', 'alice', '-n', '2', '--json'])).stdout)).toEqual([
      'add_note',
      'search_docs',
    ]);
  });

  it('follows new records until interrupted, printing each once', async () => {
    const interrupt = new AbortController();
    const io = memoryContext({ GATEHOUSE_DATABASE_URL: db.url }, interrupt.signal);
    const following = auditCommand(['tail', '-n', '1', '--follow', '--interval', '1', '--json'], io.context);
    await waitFor(() => io.stdout.length === 1);
    expect(names(io.stdout)).toEqual(['delete_note']);
    await storeAudit(db.pool, [
      auditRecord({ time: new Date().toISOString(), actor: 'olivia', name: 'get_note' }),
    ]);
    await waitFor(() => io.stdout.length === 2);
    // A further poll or two must not repeat anything.
    await new Promise((resolve) => setTimeout(resolve, 2200));
    interrupt.abort();
    expect(await following).toBe(0);
    expect(names(io.stdout)).toEqual(['delete_note', 'get_note']);
    expect(io.stderr).toContain('Following new records; Ctrl-C stops.');
  });
});

describe('audit usage', () => {
  it('refuses bad filters and options with usage errors', async () => {
    const cases: string[][] = [
      [],
      ['head'],
      ['query', '--since', 'last week'],
      ['query', '--since', '1h', '--until', '2h'],
      ['query', '--decision', 'maybe'],
      ['query', '--limit', '0'],
      ['query', '--limit', '10001'],
      ['query', '--follow'],
      ['tail', '--interval', '5'],
      ['tail', '--follow', '--until', '1h'],
      ['query', 'extra'],
    ];
    for (const argv of cases) await expect(run(argv), argv.join(' ')).rejects.toThrow(UsageError);
  });

  it('reads relative times against now', () => {
    const at = Date.parse('2026-11-24T12:00:00Z');
    expect(auditFilters({ since: '15m', until: '2026-11-24T11:55:00Z', decision: 'approved' }, at)).toEqual({
      since: new Date('2026-11-24T11:45:00Z'),
      until: new Date('2026-11-24T11:55:00Z'),
      decision: 'approved',
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
