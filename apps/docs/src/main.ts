import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, runServer } from '@gatehouse/kit';
import { DocsSettingsSchema } from './config.ts';
import { DocsLibrary } from './library.ts';
import { docsServer } from './server.ts';

try {
  const settings = await loadConfig(DocsSettingsSchema, {
    prefix: 'GATEHOUSE_DOCS_',
    ...(process.env.GATEHOUSE_DOCS_CONFIG ? { file: process.env.GATEHOUSE_DOCS_CONFIG } : {}),
  });
  const library = new DocsLibrary({ maxFileBytes: settings.maxFileBytes });
  await library.load(settings.collections);
  for (const { collection, path, problem } of library.problems()) {
    process.stderr.write(`[docs] ${collection}/${path}: ${problem}\n`);
  }
  library.watch();
  await runServer(docsServer(library, settings), {
    defaultPort: 3103,
    defaultPolicyFile: fileURLToPath(new URL('../policy.default.yaml', import.meta.url)),
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`[docs] cannot start.\n${error.message}\n`);
  process.exit(78);
}
