// @gatehouse/embedded-pg — a real PostgreSQL for embedded defaults and tests.
export {
  type EmbeddedPostgresOptions,
  type RunningPostgres,
  startEmbeddedPostgres,
} from './embedded-postgres.ts';
export { freeLoopbackPort } from './free-port.ts';
