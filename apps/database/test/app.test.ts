import { describeServerApp } from '@gatehouse/kit/testing/app';
import { demoDatabaseConfig } from '../src/config.ts';
import { Connections } from '../src/connections.ts';
import { databaseServer } from '../src/server.ts';

// The tests every server shares (discovery, inventory, contracts, README table, default policy). Pools open
// lazily, and nothing here queries: no live database is needed.
describeServerApp(
  new URL('..', import.meta.url),
  databaseServer(new Connections([demoDatabaseConfig('postgres://reader:unused@127.0.0.1:1/demo')])),
);
