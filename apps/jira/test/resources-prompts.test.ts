import { describe, expect, it } from 'vitest';
import { useFakeJira } from './fixtures.ts';

const jira = useFakeJira();
const textOfResource = (result: { contents: unknown[] }) => (result.contents[0] as { text: string }).text;

describe('resources', () => {
  it('reads project metadata: issue types, their statuses and the fields creating one needs', async () => {
    const { client } = await jira.connect();
    const text = textOfResource(await client.readResource({ uri: 'jira://project/API' }));
    expect(text).toContain('## Bug\nStatuses: To Do, In Progress, Done');
    expect(text).toContain('Required to create: Summary, Issue Type, Project, Team');
    expect(text).toContain('Story Points (customfield_10016)');
  });

  it('reads an issue by URI template, fenced, and refuses one outside the allowlist', async () => {
    const { client } = await jira.connect();
    const text = textOfResource(await client.readResource({ uri: 'jira://issue/API-1' }));
    expect(text).toContain('API-1: Rate limit the login endpoint');
    expect(text).toMatch(/untrusted/);
    await expect(client.readResource({ uri: 'jira://issue/SECRET-1' })).rejects.toThrow(/boundary/);
    expect(jira.fake.requests.some((r) => r.path.includes('SECRET'))).toBe(false);
  });
});

describe('prompts', () => {
  it('check_acceptance_criteria names the criteria and the linked pull request', async () => {
    const { client } = await jira.connect();
    const prompt = await client.getPrompt({ name: 'check_acceptance_criteria', arguments: { key: 'API-1' } });
    const text = JSON.stringify(prompt.messages);
    expect(text).toContain('At most 5 attempts per minute per account');
    expect(text).toContain('https://github.com/acme/api/pull/42');
    expect(text).toContain('get_pull_request');
  });

  it('sprint_summary summarizes the issues of the allowed projects only', async () => {
    const { client } = await jira.connect();
    const prompt = await client.getPrompt({ name: 'sprint_summary', arguments: { boardId: '3' } });
    const text = JSON.stringify(prompt.messages);
    expect(text).toContain('Sprint 7');
    expect(text).toContain('API-1');
    expect(text).not.toContain('SECRET-1');
  });

  it('refuses an issue outside the allowlist', async () => {
    const { client } = await jira.connect();
    await expect(
      client.getPrompt({ name: 'check_acceptance_criteria', arguments: { key: 'SECRET-1' } }),
    ).rejects.toThrow(/boundary/);
    expect(jira.fake.requests).toHaveLength(0);
  });
});
