import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isRunning,
  type LocalState,
  readLocalState,
  runningLocal,
  STATE_FILE,
  stateDir,
  writeLocalState,
} from './local-state.ts';
import { REPOSITORY_ROOT } from './servers.ts';

const state = (running?: LocalState['running']): LocalState => ({
  version: 1,
  postgres: { superuserPassword: 'su-pw', gatehousePassword: 'gh-pw' },
  key: {
    hash: `sha256:${'a'.repeat(64)}`,
    actor: 'local-dev',
    roles: ['writer'],
    createdAt: '2026-01-01T00:00:00Z',
  },
  signingKey: 'c2lnbmluZw==',
  ...(running ? { running } : {}),
});
const running = (pid: number) => ({
  pid,
  startedAt: '2026-01-01T00:00:00Z',
  databaseUrl: 'postgres://gatehouse:gh-pw@127.0.0.1:5999/gatehouse',
  servers: { notes: 'http://127.0.0.1:3100/mcp' },
  approvalCommand: '/checkout/gatehouse approvals grant',
});
const freshDir = () => join(mkdtempSync(join(tmpdir(), 'gatehouse-state-')), 'state');

/** A pid that no process has any more: one that ran and exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('local state', () => {
  it('lives in .gatehouse of the checkout unless GATEHOUSE_STATE_DIR names another folder', () => {
    expect(stateDir({})).toBe(join(REPOSITORY_ROOT, '.gatehouse'));
    expect(stateDir({ GATEHOUSE_STATE_DIR: '/srv/gh' })).toBe('/srv/gh');
  });

  it('is written readable by its owner only (it holds passwords), in a folder others cannot list', () => {
    const dir = freshDir();
    writeLocalState(dir, state());
    expect(statSync(join(dir, STATE_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o711);
    expect(readLocalState(dir)).toEqual(state());
    // The key itself is never stored: only its hash.
    expect(readFileSync(join(dir, STATE_FILE), 'utf8')).not.toMatch(/gh_key_/);
  });

  it('is absent until written; a damaged file is an error that names it and says what to do', () => {
    const dir = freshDir();
    expect(readLocalState(dir)).toBeUndefined();
    writeLocalState(dir, state());
    writeFileSync(join(dir, STATE_FILE), '{"version": 1');
    expect(() => readLocalState(dir)).toThrow(`${join(dir, STATE_FILE)} is not JSON; delete it`);
    writeFileSync(join(dir, STATE_FILE), '{"version": 7}');
    expect(() => readLocalState(dir)).toThrow(/is not a state this version understands/);
  });

  it('counts a start as running only while its process lives', () => {
    expect(isRunning(running(process.pid))).toBe(true);
    expect(isRunning(running(deadPid()))).toBe(false);
    expect(isRunning(undefined)).toBe(false);
    const dir = freshDir();
    writeLocalState(dir, state(running(process.pid)));
    expect(runningLocal({ GATEHOUSE_STATE_DIR: dir })?.databaseUrl).toBe(running(0).databaseUrl);
    writeLocalState(dir, state(running(deadPid())));
    expect(runningLocal({ GATEHOUSE_STATE_DIR: dir })).toBeUndefined();
  });
});
