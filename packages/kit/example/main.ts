// The example's process entry. runServer reads the package's "gatehouse" field (server notes, port 3100, policy
// example/policy.yaml), loads the settings, serves stdio or HTTP and owns start-up errors and exit codes.
import { runServer } from '@gatehouse/kit';
import { notesServer } from './notes-server.ts';

await runServer({ entry: import.meta.url, start: () => notesServer() });
