// What a bench needs to run the server in its own process: the definition over configured sources.
export { LogsSettingsSchema, SourceSchema } from './config.ts';
export { logsServer } from './server.ts';
export { backendOf, sourceOf } from './setup.ts';
export { Sources } from './sources.ts';
export { sourceBoundaries } from './targets.ts';
