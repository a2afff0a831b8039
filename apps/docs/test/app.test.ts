import { describeServerApp } from '@gatehouse/kit/testing/app';
import { DocsLibrary } from '../src/library.ts';
import { docsServer } from '../src/server.ts';

// The tests every server shares (discovery, inventory, contracts, README table, default policy); an empty
// library is enough: nothing here reads a document.
describeServerApp(
  new URL('..', import.meta.url),
  docsServer(new DocsLibrary({ maxFileBytes: 1024 }), { staleAfterDays: 180 }),
);
