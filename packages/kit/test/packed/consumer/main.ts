// The consumer's process entry: runServer finds the "gatehouse" field of its package.json.
import { runServer } from '@gatehouse/kit';
import { wordsServer } from './server.ts';

await runServer({ entry: import.meta.url, start: () => wordsServer() });
