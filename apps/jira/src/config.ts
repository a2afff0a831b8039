import { z } from 'zod';

/** A Jira project key as Jira makes them: uppercase letter, then letters, digits or underscores. */
export const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,9}$/;

/** The Jira server's own settings (`GATEHOUSE_JIRA_*`, or keys of the file named by GATEHOUSE_JIRA_CONFIG). */
export const JiraSettingsSchema = z.object({
  baseUrl: z.url().optional().describe('Jira Cloud site, e.g. https://acme.atlassian.net (required).'),
  email: z.string().min(3).optional().describe('Account email for the API token (with apiToken).'),
  apiToken: z.string().min(1).optional().describe('Atlassian API token of the account above.'),
  token: z
    .string()
    .min(1)
    .optional()
    .describe('Bearer token (OAuth 2.0 access token) instead of email + apiToken.'),
  projects: z
    .array(z.string().regex(PROJECT_KEY, 'expected Jira project keys such as API or WEB_2'))
    .default([])
    .describe('Project keys tools may touch (required): every path, JQL included, stays inside them.'),
  writes: z
    .boolean()
    .default(false)
    .describe('Serve the write tools (comment, transition, create, update, assign); each needs approval.'),
  requestTimeoutMs: z
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(15_000)
    .describe('Deadline of one Jira request.'),
  requestsPerSecond: z
    .number()
    .min(0.1)
    .max(100)
    .default(10)
    .describe(
      'Outbound requests per second to Jira, across all calls (a burst queues instead of earning 429s).',
    ),
  retries: z
    .number()
    .int()
    .min(0)
    .max(5)
    .default(2)
    .describe('Retries of a request Jira answered 429 or 5xx.'),
  retryMaxDelayMs: z
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(10_000)
    .describe('Longest wait for a retry (Retry-After above it fails at once with rate_limited).'),
});

export type JiraSettings = z.infer<typeof JiraSettingsSchema>;

export const ENV = {
  baseUrl: 'GATEHOUSE_JIRA_BASE_URL',
  email: 'GATEHOUSE_JIRA_EMAIL',
  apiToken: 'GATEHOUSE_JIRA_API_TOKEN',
  token: 'GATEHOUSE_JIRA_TOKEN',
  projects: 'GATEHOUSE_JIRA_PROJECTS',
} as const;

export type JiraAuth = { type: 'basic'; email: string; apiToken: string } | { type: 'bearer'; token: string };

/** The credentials and site the settings describe, or every setting that is missing. */
export function jiraAccessOf(
  settings: JiraSettings,
): { ok: true; baseUrl: string; auth: JiraAuth } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!settings.baseUrl) problems.push(`no Jira site: set ${ENV.baseUrl}, e.g. https://acme.atlassian.net`);
  let auth: JiraAuth | undefined;
  if (settings.token) auth = { type: 'bearer', token: settings.token };
  else if (settings.email && settings.apiToken)
    auth = { type: 'basic', email: settings.email, apiToken: settings.apiToken };
  else if (settings.email || settings.apiToken)
    problems.push(`incomplete credentials: set both ${ENV.email} and ${ENV.apiToken}`);
  else
    problems.push(
      `no Jira credentials: set ${ENV.email} and ${ENV.apiToken} (an API token), or ${ENV.token}`,
    );
  if (settings.projects.length === 0)
    problems.push(`no project allowlist: set ${ENV.projects} to project keys, e.g. API,WEB`);
  if (problems.length > 0 || !auth || !settings.baseUrl) return { ok: false, problems };
  return { ok: true, baseUrl: settings.baseUrl, auth };
}
