// `pnpm --filter @gatehouse/deploy generate`: rewrites the manifests made from discovery (see generate.ts).
import { writeGenerated } from './generate.ts';

const changed = writeGenerated();
process.stdout.write(
  changed.length === 0 ? 'deploy: generated files are up to date\n' : `deploy: wrote ${changed.join(', ')}\n`,
);
