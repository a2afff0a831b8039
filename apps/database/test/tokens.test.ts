import { describeTokenCosts } from '@gatehouse/kit/testing/tokens';
import { describe } from 'vitest';
import { demoDatabaseConfig } from '../src/config.ts';
import { Connections } from '../src/connections.ts';
import { startDemo } from '../src/demo/index.ts';
import { databaseServer } from '../src/server.ts';

describe('the database server', () => {
  // The embedded default, the demo database, so resources/list is measured with its real tables.
  describeTokenCosts(
    async () => {
      const demo = await startDemo();
      const connections = new Connections([demoDatabaseConfig(demo.readerUrl)]);
      return {
        definition: databaseServer(connections),
        async close() {
          await connections.close();
          await demo.stop();
        },
      };
    },
    { readme: new URL('../../../README.md', import.meta.url), timeoutMs: 120_000 },
  );
});
