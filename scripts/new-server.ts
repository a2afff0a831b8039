// `pnpm new-server <name>`: a new server in apps/<name>, in the standard layout, passing its tests at once. The
// work is in packages/cli/src/scaffold/ (the template is packages/cli/src/scaffold/template/).
import { newServerCommand } from '../packages/cli/src/scaffold/command.ts';

// `pnpm new-server -- <name>` passes the `--` through.
const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
process.exit(newServerCommand(args));
