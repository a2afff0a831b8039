import { defineResource, ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import { summarize } from './describe.ts';
import type { DocsLibrary, StoredDoc } from './library.ts';
import { findDoc } from './tools/read.ts';
import { collectionName, docPath, docsTarget } from './tools/schemas.ts';

export function docsResources(library: DocsLibrary, staleAfterDays: number) {
  return [
    // Before `document`, whose template would also match docs://index/<collection> (a document path always has
    // an extension and a collection name never has a dot, so no document is hidden by it).
    defineResource({
      name: 'collection-index',
      title: 'Collection index',
      description: 'Every document of one collection: path, title, type, owner, and whether it is stale.',
      version: '1.0.0',
      scopes: ['docs:read'],
      mimeType: 'text/markdown',
      uri: 'docs://index/{collection}',
      variables: z.object({ collection: collectionName }),
      target: ({ collection }) => docsTarget(collection ?? ''),
      // Titles come from the documents' front matter: third-party text.
      untrusted: true,
      // resources/list shows these entry points (a handful), not every document.
      list: async () =>
        library.collections().map((collection) => ({
          uri: `docs://index/${collection}`,
          name: `${collection}-index`,
          title: `${collection} index`,
        })),
      async read({ collection }) {
        const name = collection ?? '';
        if (!library.collections().includes(name)) {
          throw new ToolError(ErrorCode.NotFound, `No collection named ${name}; docs://index lists them.`);
        }
        return { text: indexText(`${name} index`, library.all(name), staleAfterDays) };
      },
    }),
    defineResource({
      name: 'document',
      title: 'Document',
      description: 'A document as written (Markdown or text). Sections are at #anchor in read_doc.',
      version: '1.0.1',
      scopes: ['docs:read'],
      mimeType: 'text/markdown',
      uri: 'docs://{collection}/{+path}',
      variables: z.object({ collection: collectionName, path: docPath }),
      target: ({ collection, path }) => docsTarget(collection ?? '', path ?? ''),
      untrusted: true,
      // Not listed one by one: resources/list would cost tokens per document. The indexes name every path.
      async read({ collection, path }, ctx) {
        const doc = findDoc(library, collection ?? '', path ?? '', ctx);
        return { text: doc.text, mimeType: doc.path.endsWith('.txt') ? 'text/plain' : 'text/markdown' };
      },
    }),
    defineResource({
      name: 'index',
      title: 'Documentation index',
      description: 'Every document: collection, path, type, owner, and whether it is stale.',
      version: '1.0.1',
      scopes: ['docs:read'],
      mimeType: 'text/markdown',
      uri: 'docs://index',
      target: () => docsTarget(undefined),
      async read() {
        return { text: indexText('Documentation index', library.all(), staleAfterDays) };
      },
    }),
  ];
}

/** Every document of the given list as a table: what a reader needs to pick a path for read_doc. */
function indexText(heading: string, docs: readonly StoredDoc[], staleAfterDays: number): string {
  const rows = docs.map((doc) => {
    const s = summarize(doc, staleAfterDays);
    return `| ${s.collection} | ${s.path} | ${s.title} | ${s.type ?? ''} | ${s.owner ?? ''} | ${s.stale ? 'stale' : ''} |`;
  });
  const header =
    '| collection | path | title | type | owner | stale |\n| --- | --- | --- | --- | --- | --- |';
  return `# ${heading}\n\n${header}\n${rows.join('\n')}\n`;
}
