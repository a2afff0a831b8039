import type { StartContext } from '@gatehouse/kit';
import type { LogsSettings } from './config.ts';
import { logsServer } from './server.ts';
import { ItemStore } from './store.ts';

/**
 * The logs server from its settings. Open upstream clients here; register their cleanup with
 * `ctx.onShutdown` as soon as they exist, and throw a ConfigError (naming the setting) for one that cannot work.
 */
export function startLogs(settings: LogsSettings, _ctx: StartContext) {
  return logsServer(new ItemStore({ maxItems: settings.maxItems }));
}
