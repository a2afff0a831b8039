import type { StartContext } from '@gatehouse/kit';
import type { InternalApiSettings } from './config.ts';
import { internalApiServer } from './server.ts';
import { ItemStore } from './store.ts';

/**
 * The internal-api server from its settings. Open upstream clients here; register their cleanup with
 * `ctx.onShutdown` as soon as they exist, and throw a ConfigError (naming the setting) for one that cannot work.
 */
export function startInternalApi(settings: InternalApiSettings, _ctx: StartContext) {
  return internalApiServer(new ItemStore({ maxItems: settings.maxItems }));
}
