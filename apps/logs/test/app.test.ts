import { describeServerApp } from '@gatehouse/kit/testing/app';
import { logsServer } from '../src/server.ts';
import { ItemStore } from '../src/store.ts';

// The tests every server shares: it declares itself in package.json, holds the inventory invariants, matches its
// contract snapshots (GATEHOUSE_UPDATE_CONTRACTS=1 writes them), lists its inventory in the README and has a
// default policy that reaches every tool. Build the definition without a live upstream: nothing here calls a tool.
describeServerApp(new URL('..', import.meta.url), logsServer(new ItemStore({ maxItems: 10 })));
