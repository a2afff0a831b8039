import { fileURLToPath } from 'node:url';
import { runServer } from '../src/index.ts';
import { notesServer } from './notes-server.ts';

await runServer(notesServer(), {
  defaultPort: 3100,
  defaultPolicyFile: fileURLToPath(new URL('./policy.yaml', import.meta.url)),
});
