// `pnpm start` and `./gatehouse start`: every server on embedded defaults, one local PostgreSQL for their shared
// state, one development key; Ctrl-C stops it all and exits 0. The work is in packages/cli/src/local/start.ts.
import { start } from '../packages/cli/src/local/start.ts';

// `pnpm start -- --new-key` passes the `--` through. (The script is `exec node scripts/start.ts`: with no shell
// between pnpm and this process, Ctrl-C cannot kill a shell under pnpm, which pnpm reports as ELIFECYCLE.)
const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
process.exit(await start(args));
