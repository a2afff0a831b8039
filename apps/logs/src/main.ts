// Process entry: runServer loads the settings, starts the server and serves it; it owns start-up errors and
// exit codes. The server itself is declared in server.ts and built from its settings in setup.ts.
import { runServer } from '@gatehouse/kit';
import { LogsSettingsSchema } from './config.ts';
import { startLogs } from './setup.ts';

await runServer({ entry: import.meta.url, settings: LogsSettingsSchema, start: startLogs });
