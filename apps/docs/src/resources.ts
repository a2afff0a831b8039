import { defineResource } from '@gatehouse/kit';
import { z } from 'zod';
import { summarize } from './describe.ts';
import type { DocsLibrary } from './library.ts';
import { findDoc } from './tools/read.ts';
import { collectionName, docPath, docsTarget } from './tools/schemas.ts';

export function docsResources(library: DocsLibrary, staleAfterDays: number) {
  return [
    defineResource({
      name: 'document',
      title: 'Document',
      description: 'A document as written (Markdown or text). Sections are at #anchor in read_doc.',
      version: '1.0.0',
      scopes: ['docs:read'],
      mimeType: 'text/markdown',
      uri: 'docs://{collection}/{+path}',
      variables: z.object({ collection: collectionName, path: docPath }),
      target: ({ collection, path }) => docsTarget(collection ?? '', path ?? ''),
      untrusted: true,
      list: async () =>
        library.all().map((doc) => ({
          uri: `docs://${doc.collection}/${doc.path}`,
          name: `${doc.collection}/${doc.path}`,
          title: doc.parsed.title,
          mimeType: doc.path.endsWith('.txt') ? 'text/plain' : 'text/markdown',
        })),
      async read({ collection, path }, ctx) {
        const doc = findDoc(library, collection ?? '', path ?? '', ctx);
        return { text: doc.text, mimeType: doc.path.endsWith('.txt') ? 'text/plain' : 'text/markdown' };
      },
    }),
    defineResource({
      name: 'index',
      title: 'Documentation index',
      description: 'Every document: collection, path, type, owner, and whether it is stale.',
      version: '1.0.0',
      scopes: ['docs:read'],
      mimeType: 'text/markdown',
      uri: 'docs://index',
      target: () => docsTarget(undefined),
      async read() {
        const rows = library.all().map((doc) => {
          const s = summarize(doc, staleAfterDays);
          return `| ${s.collection} | ${s.path} | ${s.title} | ${s.type ?? ''} | ${s.owner ?? ''} | ${s.stale ? 'stale' : ''} |`;
        });
        const header =
          '| collection | path | title | type | owner | stale |\n| --- | --- | --- | --- | --- | --- |';
        return { text: `# Documentation index\n\n${header}\n${rows.join('\n')}\n` };
      },
    }),
  ];
}
