import { describeServerApp } from '../src/testing/app.ts';
import { notesServer } from './notes-server.ts';

// The tests every server shares. The kit's package.json declares the example; its contracts sit beside it, and
// its inventory table is in the kit's README.
describeServerApp(new URL('..', import.meta.url), notesServer(), {
  contracts: new URL('./contracts', import.meta.url),
});
