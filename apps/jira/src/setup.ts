import type { StartContext } from '@gatehouse/kit';
import type { JiraSettings } from './config.ts';
import { jiraServer } from './server.ts';
import { ItemStore } from './store.ts';

/**
 * The jira server from its settings. Open upstream clients here; register their cleanup with
 * `ctx.onShutdown` as soon as they exist, and throw a ConfigError (naming the setting) for one that cannot work.
 */
export function startJira(settings: JiraSettings, _ctx: StartContext) {
  return jiraServer(new ItemStore({ maxItems: settings.maxItems }));
}
