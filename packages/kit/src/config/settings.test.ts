import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.ts';
import { KitSettingsSchema } from './settings.ts';

const load = (env: NodeJS.ProcessEnv) => loadConfig(KitSettingsSchema, { env, prefix: 'GATEHOUSE_' });

describe('GATEHOUSE_APPROVAL_COMMAND', () => {
  it('defaults to the installed CLI, and takes the command a deployment gives its approvers', async () => {
    expect((await load({})).approvalCommand).toBe('gatehouse approvals grant');
    const local = await load({ GATEHOUSE_APPROVAL_COMMAND: ' /srv/gatehouse/gatehouse approvals grant ' });
    expect(local.approvalCommand).toBe('/srv/gatehouse/gatehouse approvals grant');
  });

  it('refuses text that would break the answer it goes into, naming the variable', async () => {
    await expect(load({ GATEHOUSE_APPROVAL_COMMAND: 'gatehouse\napprovals grant' })).rejects.toThrow(
      /GATEHOUSE_APPROVAL_COMMAND: .*one line without control characters/,
    );
  });
});

describe('GATEHOUSE_STDIO_ROLES', () => {
  it("defaults to writer, a role every server's default policy defines", async () => {
    expect((await load({})).stdioRoles).toEqual(['writer']);
  });
});
