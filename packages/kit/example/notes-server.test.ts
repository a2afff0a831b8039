import { describeServerApp } from '@gatehouse/kit/testing/app';
import { notesServer } from './notes-server.ts';

// The tests every server shares. The kit's package.json declares the example; its contracts sit beside it, and
// its inventory table is in the kit's README;
// its imports are checked like an app's.
describeServerApp(new URL('..', import.meta.url), notesServer(), {
  contracts: new URL('./contracts', import.meta.url),
  sources: [new URL('.', import.meta.url)],
});
