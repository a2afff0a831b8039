import { ConfigError, type StartContext } from '@gatehouse/kit';
import { JiraAccess } from './access.ts';
import { conflictingSettings, type JiraSettings, jiraAccessOf } from './config.ts';
import { projectBoundary } from './projects.ts';
import { jiraServer } from './server.ts';
import { createJiraClient } from './upstream/client.ts';
import { JiraDataCenter } from './upstream/datacenter.ts';
import { Jira } from './upstream/jira.ts';

/** The Jira access the settings allow; missing settings are not fatal (the server starts and explains). */
export function jiraAccessFrom(settings: JiraSettings, options: { strictShapes?: boolean } = {}): JiraAccess {
  const conflicts = conflictingSettings(settings);
  if (conflicts.length > 0) throw new ConfigError(conflicts);
  const access = jiraAccessOf(settings);
  if (!access.ok) return JiraAccess.missing(access.problems, settings.projects);
  const client = createJiraClient({
    baseUrl: access.baseUrl,
    auth: access.auth,
    requestTimeoutMs: settings.requestTimeoutMs,
    retries: settings.retries,
    retryMaxDelayMs: settings.retryMaxDelayMs,
    requestsPerSecond: settings.requestsPerSecond,
    ...(options.strictShapes ? { onSchemaMismatch: 'throw' as const } : {}),
  });
  const jira = settings.deployment === 'datacenter' ? new JiraDataCenter(client) : new Jira(client);
  return JiraAccess.ready(jira, settings.projects);
}

/**
 * The Jira server from its settings, bounded by the project allowlist (a kit boundary every role is intersected
 * with). Without a site, credentials or projects it still starts: tools are listed and each call says what to set.
 */
export function startJira(settings: JiraSettings, ctx: StartContext) {
  const access = jiraAccessFrom(settings);
  if (!access.configured) ctx.log('not configured yet: tools are listed and each call explains what to set.');
  if (settings.oauthRefreshToken && !settings.oauthStateFile)
    ctx.log(
      'OAuth 2.0 without GATEHOUSE_JIRA_OAUTH_STATE_FILE: the rotated refresh token is kept in memory only, so a restart needs a new grant.',
    );
  return {
    definition: jiraServer(access, { writes: settings.writes }),
    // Without projects nothing is reachable: an empty allow list refuses every target.
    boundaries: [projectBoundary(settings.projects)],
  };
}
