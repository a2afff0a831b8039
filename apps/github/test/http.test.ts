import { createMemoryAuditSink } from '@gatehouse/kit';
import { startHttp, testApiKey } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { githubServer } from '../src/server.ts';
import { githubAccessFrom } from '../src/setup.ts';
import { startFakeGitHub } from './fake-github.ts';
import { POLICY, SECRET_TOKEN, settingsFor } from './fixtures.ts';

describe('github server over real HTTP', () => {
  it('answers both protocol eras, and the client key never goes upstream', async () => {
    const fake = await startFakeGitHub();
    const settings = settingsFor(fake);
    const audit = createMemoryAuditSink();
    const ana = testApiKey('ana', ['dev']);
    const harness = await startHttp(githubServer(await githubAccessFrom(settings), settings), {
      policy: POLICY,
      audit,
      apiKeys: [ana.entry],
    });
    try {
      for (const era of ['legacy', 'modern'] as const) {
        const client = await harness.connect(ana.key, { era });
        const result = await client.callTool({
          name: 'get_pull_request',
          arguments: { repo: 'octocat/Hello-World', number: 1347 },
        });
        expect((result.structuredContent as { title: string }).title, era).toBe('Amazing new feature');
      }
      const authorizations = new Set(fake.requests.map((r) => r.headers.authorization));
      expect([...authorizations]).toEqual([`token ${SECRET_TOKEN}`]);
      expect(JSON.stringify(fake.requests.map((r) => r.headers))).not.toContain(ana.key);
      expect(audit.records.filter((r) => r.name === 'get_pull_request' && r.outcome === 'ok')).toHaveLength(
        2,
      );
    } finally {
      await harness.close();
      await fake.close();
    }
  });
});
