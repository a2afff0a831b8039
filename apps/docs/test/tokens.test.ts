import { describeTokenCosts } from '@gatehouse/kit/testing/tokens';
import { describe } from 'vitest';
import { DEFAULT_DOCS_FOLDER } from '../src/config.ts';
import { DocsLibrary } from '../src/library.ts';
import { docsServer } from '../src/server.ts';

describe('the docs server', () => {
  // The embedded default: the example handbook, so resources/list is measured with real documents.
  describeTokenCosts(
    async () => {
      const library = new DocsLibrary({ maxFileBytes: 1024 * 1024 });
      await library.load([{ name: 'handbook', path: DEFAULT_DOCS_FOLDER }]);
      return { definition: docsServer(library, { staleAfterDays: 180 }) };
    },
    { readme: new URL('../../../README.md', import.meta.url) },
  );
});
