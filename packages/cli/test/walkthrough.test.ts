// The README's walk-through, exactly as a person does it, against the processes `./gatehouse start` runs: start
// it, take the key it prints, call a write tool with the official SDK client over HTTP, see the request, grant it
// with the command the answer names, repeat the call, see it run and see it in the audit; then Ctrl-C.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalState } from '../src/local-state.ts';
import { KNOWN_SERVERS, REPOSITORY_ROOT } from '../src/servers.ts';

const stateDir = join(mkdtempSync(join(tmpdir(), 'gatehouse-walkthrough-')), 'state');
const env: NodeJS.ProcessEnv = { ...process.env, GATEHOUSE_STATE_DIR: stateDir, GATEHOUSE_DATABASE_URL: '' };
const launcher = join(REPOSITORY_ROOT, 'gatehouse');

let start: ChildProcess;
let startOut = '';
let startErr = '';
let exited: Promise<number | null>;
let servers: Record<string, string>;
let key: string;
/** A key made as the README says, `gatehouse keys create --roles reader`, given to start in GATEHOUSE_API_KEYS. */
let readerKey: string;
const clients: Client[] = [];

/** Runs a shell command line as the person would type it; resolves with its exit code and output. */
function shell(line: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('/bin/sh', ['-c', line], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

async function client(url: string, bearer = key): Promise<Client> {
  const c = new Client({ name: 'walkthrough', version: '1.0.0' });
  await c.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${bearer}` } },
    }),
  );
  clients.push(c);
  return c;
}

const textOf = (result: { content?: unknown }) =>
  ((result.content ?? []) as { type: string; text?: string }[]).map((part) => part.text ?? '').join('\n');

beforeAll(async () => {
  const created = await shell(`${launcher} keys create --actor rita --roles reader --json`);
  const reader = JSON.parse(created.stdout) as { key: string; entry: unknown };
  readerKey = reader.key;
  // Its own process group, as a terminal runs a foreground job: Ctrl-C reaches every process in it.
  start = spawn(launcher, ['start', '--free-ports'], {
    cwd: REPOSITORY_ROOT,
    env: { ...env, GATEHOUSE_API_KEYS: JSON.stringify([reader.entry]) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => start.once('exit', (code) => resolve(code)));
  start.stderr?.on('data', (chunk) => {
    startErr = (startErr + chunk).slice(-20_000);
  });
  await new Promise<void>((resolve, reject) => {
    start.stdout?.on('data', (chunk) => {
      startOut += chunk;
      if (/PostgreSQL at .*\n.*audit tail\n/.test(startOut)) resolve();
    });
    void exited.then((code) => reject(new Error(`start exited with ${code}: ${startOut}\n${startErr}`)));
  });
  servers = Object.fromEntries(
    [...startOut.matchAll(/^ {2}([\w-]+) +(http:\/\/127\.0\.0\.1:\d+\/mcp)$/gm)].map((m) => [m[1], m[2]]),
  );
  key = /^ {2}(gh_key_\S+)$/m.exec(startOut)?.[1] ?? '';
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  if (start?.exitCode === null && start.pid !== undefined) process.kill(-start.pid, 'SIGKILL');
});

describe('the README walk-through against ./gatehouse start', () => {
  it('serves every server with one printed key, and each lists tools to it', async () => {
    // Every server the repository declares (discovery), none left out and none made up.
    expect(Object.keys(servers).sort()).toEqual(KNOWN_SERVERS.map((s) => s.name).sort());
    expect(Object.keys(servers)).toEqual(expect.arrayContaining(['database', 'docs', 'github', 'notes']));
    expect(key).toMatch(/^gh_key_[\w-]{43}$/);
    // One key, printed once: every server accepts it and shows it tools.
    expect(startOut.split(key).length - 1).toBe(2);
    const names: Record<string, string[]> = {};
    for (const [server, url] of Object.entries(servers)) {
      const { tools } = await (await client(url)).listTools();
      names[server] = tools.map((t) => t.name);
      expect(tools.length, url).toBeGreaterThan(0);
    }
    expect(names.notes).toContain('add_note');
  }, 60_000);

  it('serves the console at the address it prints, where the printed key signs in', async () => {
    const address = /^Console .*: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(startOut)?.[1];
    expect(address, startOut).toBeDefined();
    const login = await fetch(new URL('/login', address));
    const csrf = /name="csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? '';
    const signedIn = await fetch(new URL('/login', address), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: login.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      },
      body: new URLSearchParams({ csrf, key }).toString(),
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.getSetCookie().join()).toMatch(
      /gatehouse_console=\S+; Path=\/; HttpOnly; SameSite=Strict/,
    );
  });

  it('gives a `keys create --roles reader` key the read tools of every server, and no writes', async () => {
    for (const [server, url] of Object.entries(servers)) {
      const { tools } = await (await client(url, readerKey)).listTools();
      expect(tools.length, server).toBeGreaterThan(0);
      expect(
        tools.filter((t) => t.annotations?.readOnlyHint !== true).map((t) => t.name),
        server,
      ).toEqual([]);
    }
  }, 60_000);

  it('asks for approval, is granted through the CLI with the command it names, runs, and is audited', async () => {
    const notes = await client(servers.notes as string);
    const input = { title: 'Walk-through', body: 'Written after a person said yes.' };

    const asked = await notes.callTool({ name: 'add_note', arguments: input });
    expect(asked.isError).toBe(true);
    const message = textOf(asked);
    expect(message).toContain('approval_required');
    const command = /\(for example: (.+ approvals grant (apr_\S+))\)/.exec(message);
    expect(command, message).not.toBeNull();
    const [, grantLine, id] = command as RegExpExecArray;

    const waiting = await shell(`${launcher} approvals list`);
    expect(waiting.code, waiting.stderr).toBe(0);
    expect(waiting.stdout).toContain(id);
    expect(waiting.stdout).toContain('add_note');

    // Exactly what the answer says to run.
    const granted = await shell(grantLine as string);
    expect(granted.code, granted.stderr).toBe(0);

    const ran = await notes.callTool({ name: 'add_note', arguments: input });
    expect(ran.isError ?? false, textOf(ran)).toBe(false);
    const noteId = (ran.structuredContent as { id: string }).id;
    const read = await notes.callTool({ name: 'get_note', arguments: { id: noteId } });
    expect(textOf(read)).toContain('Written after a person said yes.');

    const audit = await shell(`${launcher} audit query --tool add_note --json`);
    expect(audit.code, audit.stderr).toBe(0);
    const records = audit.stdout
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { decision: string; outcome: string; actor: string; phase?: string },
      );
    // Oldest first: the call that waited, then the one that ran (its intent, stored before it ran, then its outcome).
    expect(records.map((r) => [r.decision, r.phase ?? r.outcome])).toEqual([
      ['approval_required', 'not_run'],
      ['approved', 'intent'],
      ['approved', 'ok'],
    ]);
    expect(records.every((r) => r.actor === 'local-dev')).toBe(true);
  }, 60_000);

  it('stops everything on Ctrl-C and exits 0, the PostgreSQL included', async () => {
    const port = Number(/PostgreSQL at 127\.0\.0\.1:(\d+)/.exec(startOut)?.[1]);
    process.kill(-(start.pid as number), 'SIGINT');
    expect(await exited, startErr).toBe(0);
    // pnpm start runs under ./gatehouse start: no "ELIFECYCLE Command failed" from it either.
    expect(`${startOut}\n${startErr}`).not.toMatch(/ELIFECYCLE|Error:/);
    expect(readLocalState(stateDir)?.running).toBeUndefined();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(socket.destroy() && false));
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  }, 60_000);
});
