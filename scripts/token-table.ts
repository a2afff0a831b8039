// `pnpm tokens`: rewrites the per-tool token table of the root README. Each server's tokens test measures its
// server and, with GATEHOUSE_UPDATE_TOKENS=1, rewrites its own block; the files run one at a time. Without the
// variable the same tests fail when a block is stale.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Every server's tokens test: apps/<server>/test/tokens.test.ts, and the kit's example server.
const files = [
  ...readdirSync(join(root, 'apps')).map((app) => join('apps', app, 'test', 'tokens.test.ts')),
  join('packages', 'kit', 'example', 'tokens.test.ts'),
].filter((file) => existsSync(join(root, file)));
const run = spawnSync('pnpm', ['exec', 'vitest', 'run', '--no-file-parallelism', ...files], {
  cwd: root,
  env: { ...process.env, GATEHOUSE_UPDATE_TOKENS: '1' },
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
