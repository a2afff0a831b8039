import { z } from 'zod';

export const TOOLSETS = ['repos', 'pull_requests', 'issues', 'actions', 'deployments', 'writes'] as const;
export type Toolset = (typeof TOOLSETS)[number];

/** The GitHub server's own settings (`GATEHOUSE_GITHUB_*`, or keys of the file named by GATEHOUSE_GITHUB_CONFIG). */
export const GitHubSettingsSchema = z.object({
  token: z
    .string()
    .min(1)
    .optional()
    .describe('Fine-grained personal access token (or use the App settings).'),
  appId: z.number().int().min(1).optional().describe('GitHub App id (with privateKey and installationId).'),
  privateKey: z.string().min(1).optional().describe('GitHub App private key (PEM).'),
  privateKeyFile: z.string().min(1).optional().describe('File holding the GitHub App private key (PEM).'),
  installationId: z.number().int().min(1).optional().describe('Installation id of the GitHub App.'),
  baseUrl: z
    .url()
    .default('https://api.github.com')
    .describe('REST API root; for GitHub Enterprise Server https://<host>/api/v3.'),
  allowlist: z
    .array(z.string().regex(/^[\w.*-]+\/[\w.*-]+$/, 'expected owner/name globs such as acme/* or acme/api'))
    .default([])
    .describe('Repositories tools may touch, as owner/name globs (acme/*, acme/api); required.'),
  toolsets: z
    .array(z.enum(TOOLSETS))
    .default(['repos', 'pull_requests', 'issues', 'actions', 'deployments'])
    .describe('Toolsets to serve; add "writes" for create_issue and add_comment (approval required).'),
  requestTimeoutMs: z
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(15_000)
    .describe('Deadline of one GitHub request.'),
  retries: z.number().int().min(0).max(5).default(2).describe('Retries of a request that failed with 5xx.'),
  retryBaseMs: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1000)
    .describe('Base delay between retries (grows quadratically).'),
});

export type GitHubSettings = z.infer<typeof GitHubSettingsSchema>;

export const ENV = {
  token: 'GATEHOUSE_GITHUB_TOKEN',
  appId: 'GATEHOUSE_GITHUB_APP_ID',
  privateKey: 'GATEHOUSE_GITHUB_PRIVATE_KEY',
  privateKeyFile: 'GATEHOUSE_GITHUB_PRIVATE_KEY_FILE',
  installationId: 'GATEHOUSE_GITHUB_INSTALLATION_ID',
  allowlist: 'GATEHOUSE_GITHUB_ALLOWLIST',
} as const;

export type Credentials =
  | { kind: 'token'; token: string }
  | { kind: 'app'; appId: number; privateKey: string; installationId: number };

/**
 * The credentials the settings describe, or what is missing. Missing credentials are not a start-up error:
 * the server starts, lists its tools, and each call explains what to set.
 */
export function credentialsOf(
  settings: Pick<GitHubSettings, 'token' | 'appId' | 'installationId'> & { privateKey?: string | undefined },
): { ok: true; credentials: Credentials } | { ok: false; missing: string } {
  if (settings.token) return { ok: true, credentials: { kind: 'token', token: settings.token } };
  const { appId, privateKey, installationId } = settings;
  if (appId !== undefined || privateKey !== undefined || installationId !== undefined) {
    const absent = [
      appId === undefined ? ENV.appId : undefined,
      privateKey === undefined ? `${ENV.privateKey} (or ${ENV.privateKeyFile})` : undefined,
      installationId === undefined ? ENV.installationId : undefined,
    ].filter(Boolean);
    if (absent.length === 0 && appId && privateKey && installationId) {
      return { ok: true, credentials: { kind: 'app', appId, privateKey, installationId } };
    }
    return { ok: false, missing: `the GitHub App settings are incomplete: set ${absent.join(', ')}` };
  }
  return {
    ok: false,
    missing: `no GitHub credentials: set ${ENV.token} (a fine-grained token), or ${ENV.appId}, ${ENV.privateKey} (or ${ENV.privateKeyFile}) and ${ENV.installationId} (a GitHub App)`,
  };
}
