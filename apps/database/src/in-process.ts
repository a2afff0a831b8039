/**
 * The server's parts for running it inside another process: the benchmark measures the query path with and
 * without the kit and the transport around it.
 */
export { demoDatabaseConfig } from './config.ts';
export { Connections } from './connections.ts';
export { databaseServer } from './server.ts';
export { runForCaller } from './statement-check.ts';
