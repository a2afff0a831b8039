// Process entry: runServer loads the settings, starts the server and serves it; it owns start-up errors and
// exit codes. The server itself is declared in server.ts and built from its settings in setup.ts.
//
// Node's compile cache first (see @gatehouse/kit/compile-cache); everything else is imported after it, dynamically,
// so it loads through the cache (static imports would all load before any line runs).
import '@gatehouse/kit/compile-cache';

const { runServer } = await import('@gatehouse/kit');
const { DocsSettingsSchema } = await import('./config.ts');
const { startDocs } = await import('./setup.ts');

await runServer({ entry: import.meta.url, settings: DocsSettingsSchema, start: startDocs });
