import type { StartContext } from '@gatehouse/kit';
import type { DocsSettings } from './config.ts';
import { DocsLibrary } from './library.ts';
import { docsServer } from './server.ts';

/**
 * The docs server from its settings: the collections loaded (a missing folder is a ConfigError naming the
 * setting), every skipped file reported, and the folders watched so the index follows edits.
 */
export async function startDocs(settings: DocsSettings, ctx: StartContext) {
  const library = new DocsLibrary({ maxFileBytes: settings.maxFileBytes });
  await library.load(settings.collections);
  for (const { collection, path, problem } of library.problems())
    ctx.log(`${collection}/${path}: ${problem}`);
  library.watch();
  ctx.onShutdown(() => library.close());
  return docsServer(library, settings);
}
