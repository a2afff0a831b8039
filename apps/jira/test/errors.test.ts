import { errorCodeOf, errorOf, textOf } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { data, useFakeJira } from './fixtures.ts';

const jira = useFakeJira();
const GET_ISSUE = /^\/rest\/api\/3\/issue\/API-1$/;

describe("Jira's failures, as a person can act on them", () => {
  it('retries a 429 after its Retry-After, then answers', async () => {
    jira.fake.fail({ path: GET_ISSUE, status: 429, headers: { 'retry-after': '1' }, times: 1 });
    const { client } = await jira.connect();
    const result = await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } });
    expect(data<{ key: string }>(result).key).toBe('API-1');
    expect(jira.fake.requests.filter((r) => GET_ISSUE.test(r.path))).toHaveLength(2);
  });

  it('answers jira_rate_limited with retry-after when Jira asks for a longer wait than allowed', async () => {
    jira.fake.fail({ path: GET_ISSUE, status: 429, headers: { 'retry-after': '120' } });
    const { client } = await jira.connect();
    const result = await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } });
    expect(errorCodeOf(result)).toBe('jira_rate_limited');
    expect(errorOf(result)?.retryAfterSeconds).toBe(120);
    expect(jira.fake.requests.filter((r) => GET_ISSUE.test(r.path))).toHaveLength(1);
  });

  it('names the setting to fix on a 401, never the credential', async () => {
    jira.fake.fail({
      path: GET_ISSUE,
      status: 401,
      body: { errorMessages: ['Client must be authenticated'] },
    });
    const { client } = await jira.connect();
    const result = await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } });
    expect(errorCodeOf(result)).toBe('jira_bad_credentials');
    expect(textOf(result)).toContain('GATEHOUSE_JIRA_API_TOKEN');
    expect(JSON.stringify(result)).not.toContain('jira-api-token-for-tests');
  });

  it('says the account lacks permission on a 403', async () => {
    jira.fake.fail({
      path: GET_ISSUE,
      status: 403,
      body: { errorMessages: ['You do not have permission'], errors: {} },
    });
    const { client } = await jira.connect();
    const result = await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } });
    expect(errorCodeOf(result)).toBe('jira_permission_denied');
    expect(textOf(result)).toContain('You do not have permission');
  });

  it('retries a 5xx of a read, and says upstream_unavailable when it persists', async () => {
    jira.fake.fail({ path: GET_ISSUE, status: 503 });
    const { client } = await jira.connect();
    const result = await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } });
    expect(errorCodeOf(result)).toBe('upstream_unavailable');
    expect(jira.fake.requests.filter((r) => GET_ISSUE.test(r.path))).toHaveLength(2);
  });

  it("surfaces Jira's 400 for JQL it rejects", async () => {
    const { client } = await jira.connect();
    const result = await client.callTool({ name: 'search_issues', arguments: { jql: 'nosuchfield = 1' } });
    expect(errorCodeOf(result)).toBe('jira_rejected');
    expect(textOf(result)).toContain("Field 'nosuchfield' does not exist");
  });

  it("gives up on a request Jira does not answer within the server's request deadline", async () => {
    jira.fake.fail({ path: GET_ISSUE, delayMs: 1500, times: 1 });
    const { client } = await jira.connect({ settings: { requestTimeoutMs: 200, retries: 0 } });
    const result = await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } });
    expect(errorCodeOf(result)).toBe('upstream_unavailable');
    expect(textOf(result)).toContain('did not answer within 200 ms');
  });

  it('answers not_configured, naming every setting, when the server has no credentials', async () => {
    const { client } = await jira.connect({ settings: { email: undefined, apiToken: undefined } });
    const result = await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } });
    expect(errorCodeOf(result)).toBe('not_configured');
    expect(textOf(result)).toContain('GATEHOUSE_JIRA_EMAIL');
    expect(jira.fake.requests).toHaveLength(0);
  });
});
