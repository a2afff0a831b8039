// The example's process entry. runServer reads the package's "gatehouse" field (server notes, port 3100, policy
// example/policy.yaml), loads the settings, serves stdio or HTTP and owns start-up errors and exit codes.
// Node's compile cache first (src/compile-cache.ts); the rest is imported after it, dynamically, so it loads
// through the cache.
import '@gatehouse/kit/compile-cache';

const { runServer } = await import('@gatehouse/kit');
const { notesServer } = await import('./notes-server.ts');

await runServer({ entry: import.meta.url, start: () => notesServer() });
