import type { Identity } from '@gatehouse/kit';
import { connectInMemory, createMemoryAuditSink, parsePolicy } from '@gatehouse/kit/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type JiraSettings, JiraSettingsSchema } from '../src/config.ts';
import { projectBoundary } from '../src/projects.ts';
import { jiraServer } from '../src/server.ts';
import { jiraAccessFrom } from '../src/setup.ts';
import { FAKE_AUTH, FAKE_PAT, type FakeJira, type FakeOptions, startFakeJira } from './fake-jira.ts';

export const POLICY = parsePolicy(
  `
roles:
  dev:
    scopes: [jira:read, jira:write]
    tools: ["*"]
    targets: ["jira:**"]
  api-only:
    scopes: [jira:read]
    tools: ["*"]
    targets: ["jira:API"]
`,
  'jira-test-policy',
);

export const DEV: Identity = { actor: 'ana', roles: ['dev'], scopes: [], via: 'stdio' };
export const API_ONLY: Identity = { actor: 'bo', roles: ['api-only'], scopes: [], via: 'stdio' };

/** Settings against the fake: API and WEB allowed, SECRET (which the fake also holds) outside. */
export function settingsFor(fake: FakeJira, overrides: Partial<JiraSettings> = {}): JiraSettings {
  return JiraSettingsSchema.parse({
    baseUrl: fake.url,
    ...FAKE_AUTH,
    projects: ['API', 'WEB'],
    writes: true,
    retries: 1,
    requestsPerSecond: 100,
    retryMaxDelayMs: 2000,
    requestTimeoutMs: 3000,
    ...overrides,
  });
}

/** The Jira server against `fake`, driven by the official SDK client in memory; shapes checked strictly. */
export async function connectJira(
  fake: FakeJira,
  options: { identity?: Identity; settings?: Partial<JiraSettings> } = {},
) {
  const settings = settingsFor(fake, options.settings);
  const audit = createMemoryAuditSink();
  const connection = await connectInMemory(
    jiraServer(jiraAccessFrom(settings, { strictShapes: true }), settings),
    {
      policy: POLICY,
      boundaries: [projectBoundary(settings.projects)],
      audit,
      identity: options.identity ?? DEV,
    },
  );
  return { ...connection, audit };
}

/** Settings for a Data Center fake: REST v2 with the server's personal access token. */
export const DATA_CENTER: Partial<JiraSettings> = {
  deployment: 'datacenter',
  token: FAKE_PAT,
  email: undefined,
  apiToken: undefined,
};

/**
 * One fake Jira per test file, reset after each test; connections made with `connect` are closed. A Data Center
 * fake (`edition: 'datacenter'`) is connected to with DATA_CENTER settings.
 */
export function useFakeJira(options: FakeOptions = {}) {
  let fake: FakeJira | undefined;
  const open: { close(): Promise<void> }[] = [];
  const edition = options.edition === 'datacenter' ? DATA_CENTER : {};
  beforeAll(async () => {
    fake = await startFakeJira(options);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    fake?.reset();
  });
  afterAll(() => fake?.close());
  const started = () => {
    if (!fake) throw new Error('the fake Jira starts in beforeAll');
    return fake;
  };
  return {
    get fake() {
      return started();
    },
    async connect(options: Parameters<typeof connectJira>[1] = {}) {
      const connection = await connectJira(started(), {
        ...options,
        settings: { ...edition, ...options.settings },
      });
      open.push(connection);
      return connection;
    },
  };
}

export const data = <T>(result: unknown) => (result as { structuredContent: T }).structuredContent;
