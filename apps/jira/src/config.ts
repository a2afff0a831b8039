import { z } from 'zod';

/** A Jira project key as Jira makes them: uppercase letter, then letters, digits or underscores. */
export const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,9}$/;

/** The Jira server's own settings (`GATEHOUSE_JIRA_*`, or keys of the file named by GATEHOUSE_JIRA_CONFIG). */
export const JiraSettingsSchema = z.object({
  deployment: z
    .enum(['cloud', 'datacenter'])
    .default('cloud')
    .describe(
      'cloud: Jira Cloud (REST v3, ADF); datacenter: Jira Data Center / Server 8.14+ (REST v2, wiki markup, a personal access token in token).',
    ),
  baseUrl: z
    .url()
    .optional()
    .describe('Jira site, e.g. https://acme.atlassian.net or https://jira.acme.internal (required).'),
  email: z.string().min(3).optional().describe('Account email for the API token (with apiToken).'),
  apiToken: z.string().min(1).optional().describe('Atlassian API token of the account above.'),
  token: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Bearer token instead of email + apiToken: a Data Center personal access token, or an access token.',
    ),
  oauthClientId: z
    .string()
    .min(1)
    .optional()
    .describe('OAuth 2.0 (3LO) app client id, with oauthClientSecret, oauthRefreshToken and cloudId.'),
  oauthClientSecret: z.string().min(1).optional().describe('OAuth 2.0 (3LO) app client secret.'),
  oauthRefreshToken: z
    .string()
    .min(1)
    .optional()
    .describe('Refresh token of the grant (scope offline_access); Atlassian rotates it on every refresh.'),
  oauthStateFile: z
    .string()
    .min(1)
    .optional()
    .describe(
      'File (0600) that keeps the rotated refresh token across restarts; without it a restart needs a new grant.',
    ),
  oauthTokenUrl: z
    .url()
    .default('https://auth.atlassian.com/oauth/token')
    .describe('Atlassian token endpoint.'),
  cloudId: z
    .string()
    .regex(
      /^[0-9a-fA-F-]{8,64}$/,
      'expected the site cloud id, a UUID such as 1324a887-45db-1bf4-1e99-ef0ff456d421',
    )
    .optional()
    .describe('Cloud id of the site (OAuth 2.0 requests go through the API gateway to it).'),
  apiGatewayUrl: z
    .url()
    .default('https://api.atlassian.com')
    .describe('Atlassian API gateway that OAuth 2.0 requests go through.'),
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
  deployment: 'GATEHOUSE_JIRA_DEPLOYMENT',
  oauthClientId: 'GATEHOUSE_JIRA_OAUTH_CLIENT_ID',
  oauthClientSecret: 'GATEHOUSE_JIRA_OAUTH_CLIENT_SECRET',
  oauthRefreshToken: 'GATEHOUSE_JIRA_OAUTH_REFRESH_TOKEN',
  cloudId: 'GATEHOUSE_JIRA_CLOUD_ID',
} as const;

export interface OAuthAuth {
  readonly type: 'oauth2';
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly tokenUrl: string;
  readonly stateFile?: string | undefined;
}

export type JiraAuth =
  | { type: 'basic'; email: string; apiToken: string }
  | { type: 'bearer'; token: string }
  | OAuthAuth;

const OAUTH_KEYS = ['oauthClientId', 'oauthClientSecret', 'oauthRefreshToken', 'cloudId'] as const;

/**
 * Settings that contradict each other (two ways to authenticate at once): the server refuses to start on them,
 * since either choice could be the wrong one.
 */
export function conflictingSettings(settings: JiraSettings): string[] {
  const ways = [
    ...(settings.email || settings.apiToken ? [`${ENV.email} + ${ENV.apiToken}`] : []),
    ...(settings.token ? [ENV.token] : []),
    ...(OAUTH_KEYS.some((k) => settings[k] !== undefined) ? ['the GATEHOUSE_JIRA_OAUTH_* settings'] : []),
  ];
  const conflicts =
    ways.length > 1 ? [`Jira credentials: set one way to authenticate, not ${ways.join(' and ')}`] : [];
  // Data Center has neither Atlassian accounts (email + API token) nor 3LO apps: a personal access token it is.
  const others = ways.filter((w) => w !== ENV.token);
  if (settings.deployment === 'datacenter' && others.length > 0)
    conflicts.push(
      `${ENV.deployment}=datacenter authenticates with a personal access token: set ${ENV.token}, not ${others.join(' or ')}`,
    );
  return conflicts;
}

function oauthOf(
  settings: JiraSettings,
  problems: string[],
): { auth: OAuthAuth; baseUrl: string } | undefined {
  const missing = OAUTH_KEYS.filter((k) => settings[k] === undefined).map((k) => ENV[k]);
  if (missing.length > 0) {
    problems.push(`incomplete OAuth 2.0 settings: also set ${missing.join(', ')}`);
    return undefined;
  }
  const { oauthClientId, oauthClientSecret, oauthRefreshToken, cloudId } = settings;
  if (!oauthClientId || !oauthClientSecret || !oauthRefreshToken || !cloudId) return undefined;
  return {
    // 3LO tokens are accepted only through the gateway, never on the site's own address.
    baseUrl: `${settings.apiGatewayUrl.replace(/\/+$/, '')}/ex/jira/${cloudId}`,
    auth: {
      type: 'oauth2',
      clientId: oauthClientId,
      clientSecret: oauthClientSecret,
      refreshToken: oauthRefreshToken,
      tokenUrl: settings.oauthTokenUrl,
      stateFile: settings.oauthStateFile,
    },
  };
}

/** The credentials and site the settings describe, or every setting that is missing. */
export function jiraAccessOf(
  settings: JiraSettings,
): { ok: true; baseUrl: string; auth: JiraAuth } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (OAUTH_KEYS.some((k) => settings[k] !== undefined)) {
    const oauth = oauthOf(settings, problems);
    if (settings.projects.length === 0)
      problems.push(`no project allowlist: set ${ENV.projects} to project keys, e.g. API,WEB`);
    return oauth && problems.length === 0 ? { ok: true, ...oauth } : { ok: false, problems };
  }
  if (!settings.baseUrl) problems.push(`no Jira site: set ${ENV.baseUrl}, e.g. https://acme.atlassian.net`);
  let auth: JiraAuth | undefined;
  if (settings.token) auth = { type: 'bearer', token: settings.token };
  else if (settings.email && settings.apiToken)
    auth = { type: 'basic', email: settings.email, apiToken: settings.apiToken };
  else if (settings.email || settings.apiToken)
    problems.push(`incomplete credentials: set both ${ENV.email} and ${ENV.apiToken}`);
  else if (settings.deployment === 'datacenter')
    problems.push(
      `no Jira credentials: set ${ENV.token} to a personal access token of the server's Jira user`,
    );
  else
    problems.push(
      `no Jira credentials: set ${ENV.email} and ${ENV.apiToken} (an API token), ${ENV.token}, or the OAuth 2.0 settings (${OAUTH_KEYS.map((k) => ENV[k]).join(', ')})`,
    );
  if (settings.projects.length === 0)
    problems.push(`no project allowlist: set ${ENV.projects} to project keys, e.g. API,WEB`);
  if (problems.length > 0 || !auth || !settings.baseUrl) return { ok: false, problems };
  return { ok: true, baseUrl: settings.baseUrl, auth };
}
