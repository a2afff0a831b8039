// Process entry: runServer loads the settings, starts the server and serves it; it owns start-up errors and
// exit codes. The server itself is declared in server.ts and built from its settings in setup.ts.
//
// Node strips the types of every .ts file it loads, at every start: most of a cold start here (about a second
// on a loaded 2-core machine). The compile cache keeps the result on disk (NODE_COMPILE_CACHE, default
// <tmpdir>/node-compile-cache), so later starts skip it. It must be on before the kit loads, so the rest is
// imported dynamically (static imports would load first).
import { enableCompileCache } from 'node:module';

enableCompileCache();
const { runServer } = await import('@gatehouse/kit');
const { InternalApiSettingsSchema } = await import('./config.ts');
const { startInternalApi } = await import('./setup.ts');

await runServer({ entry: import.meta.url, settings: InternalApiSettingsSchema, start: startInternalApi });
