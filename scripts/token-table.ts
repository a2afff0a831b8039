// `pnpm tokens`: rewrites the per-tool token table of the root README. Each server's tokens test measures its
// server and, with GATEHOUSE_UPDATE_TOKENS=1, rewrites its own block; the files run one at a time so no two
// tests write the README at once. Without the variable the same tests fail when a block is stale.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = spawnSync('pnpm', ['exec', 'vitest', 'run', '--no-file-parallelism', 'tokens.test.ts'], {
  cwd: root,
  env: { ...process.env, GATEHOUSE_UPDATE_TOKENS: '1' },
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
