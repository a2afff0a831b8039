import { describeServerApp } from '@gatehouse/kit/testing/app';
import { logsServer } from '../src/server.ts';
import { Sources } from '../src/sources.ts';
import { LIMITS } from './fixtures.ts';

// The tests every server shares: it declares itself in package.json, holds the inventory invariants, matches its
// contract snapshots (GATEHOUSE_UPDATE_CONTRACTS=1 writes them), lists its inventory in the README and has a
// default policy that reaches every tool. Nothing here calls a tool, so no source is needed. Raw queries on, so
// query_logs (offered only then) has its contract pinned and its row in the README too.
describeServerApp(
  new URL('..', import.meta.url),
  logsServer(new Sources([]), { ...LIMITS, rawQueries: true }),
);
