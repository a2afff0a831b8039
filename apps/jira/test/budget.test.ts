import { fileURLToPath } from 'node:url';
import type { Identity } from '@gatehouse/kit';
import { connectInMemory, estimateTokens, loadPolicyFile } from '@gatehouse/kit/testing';
import { expect, it } from 'vitest';
import { JiraSettingsSchema } from '../src/config.ts';
import { jiraServer } from '../src/server.ts';
import { jiraAccessFrom } from '../src/setup.ts';

// Issue 16's budget: at most 10 tools, and at most 3,000 tokens for the whole tools/list a writer sees (every tool,
// schemas included), measured on the wire the SDK client receives.
it('lists at most 10 tools in at most 3,000 tokens', async () => {
  const policy = await loadPolicyFile(fileURLToPath(new URL('../policy.default.yaml', import.meta.url)));
  const writer: Identity = { actor: 'wes', roles: ['writer'], scopes: [], via: 'stdio' };
  const settings = JiraSettingsSchema.parse({ projects: ['API'], writes: true });
  const { client, close } = await connectInMemory(jiraServer(jiraAccessFrom(settings), settings), {
    policy,
    identity: writer,
  });
  try {
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(10);
    const tokens = estimateTokens(tools);
    console.log(`jira tools/list: ${tools.length} tools, about ${tokens} tokens`);
    expect(tokens).toBeLessThanOrEqual(3000);
  } finally {
    await close();
  }
});
