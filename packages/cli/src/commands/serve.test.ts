import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { writeLocalState } from '../local-state.ts';
import { KNOWN_SERVERS } from '../servers.ts';
import { localServeEnv, serveCommand } from './serve.ts';

const running = {
  pid: process.pid,
  startedAt: 'now',
  databaseUrl: 'postgres://gatehouse:pw@127.0.0.1:6002/gatehouse',
  servers: {},
  approvalCommand: '/checkout/gatehouse approvals grant',
};

function stateWith(pid?: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-state-'));
  writeLocalState(dir, {
    version: 1,
    postgres: { superuserPassword: 's', gatehousePassword: 'pw' },
    key: { hash: 'sha256:x', actor: 'local-dev', roles: ['writer'], createdAt: 'now' },
    signingKey: 'k',
    ...(pid === undefined ? {} : { running: { ...running, pid } }),
  });
  return dir;
}

describe('gatehouse serve', () => {
  it("joins a running start's database and approval command, so the CLI can grant what it asks", () => {
    expect(localServeEnv({ GATEHOUSE_STATE_DIR: stateWith(process.pid) })).toEqual({
      GATEHOUSE_DATABASE_URL: running.databaseUrl,
      GATEHOUSE_APPROVAL_COMMAND: running.approvalCommand,
    });
  });

  it('keeps what the environment already says, and joins nothing when no start runs', () => {
    const dir = stateWith(process.pid);
    expect(localServeEnv({ GATEHOUSE_STATE_DIR: dir, GATEHOUSE_DATABASE_URL: 'postgres://mine/db' })).toEqual(
      { GATEHOUSE_APPROVAL_COMMAND: running.approvalCommand },
    );
    expect(localServeEnv({ GATEHOUSE_STATE_DIR: stateWith() })).toEqual({});
    expect(localServeEnv({ GATEHOUSE_STATE_DIR: '/nonexistent/state' })).toEqual({});
  });

  it('names the valid servers when given another', async () => {
    const { context } = memoryContext();
    // Whatever servers are discovered, in port order: the message follows apps/ without a list here.
    const refusal = serveCommand(['nonesuch'], context);
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow(
      `unknown server "nonesuch"; valid servers: ${KNOWN_SERVERS.map((s) => s.name).join(', ')}`,
    );
    expect(KNOWN_SERVERS.map((s) => s.name)).toEqual(
      expect.arrayContaining(['notes', 'github', 'database', 'docs']),
    );
    await expect(serveCommand([], context)).rejects.toThrow('missing <server>');
  });
});
