import { defineTool } from '@gatehouse/kit';
import { z } from 'zod';
import { isStale, metaString, summarize } from '../describe.ts';
import type { DocsLibrary } from '../library.ts';
import {
  COLLECTION_REASON,
  collectionName,
  DocSummary,
  docSummaryUntrusted,
  docsTarget,
  docType,
  requireCollection,
} from './schemas.ts';

export function listDocsTool(library: DocsLibrary, staleAfterDays: number) {
  return defineTool({
    name: 'list_docs',
    title: 'List documents',
    description: 'Documents with their owner and whether they are stale.',
    version: '1.0.1',
    access: 'read',
    scopes: ['docs:read'],
    target: ({ collection }) => docsTarget(collection),
    input: z.object({
      collection: collectionName.optional(),
      type: docType.optional(),
      service: z.string().max(100).optional(),
      stale: z.boolean().optional(),
    }),
    output: z.object({ documents: z.array(DocSummary) }),
    untrusted: docSummaryUntrusted('documents.*.'),
    trusted: { 'documents.*.collection': COLLECTION_REASON },
    paginate: { items: 'documents', pageSize: 50 },
    async handler({ collection, type, service, stale }, ctx) {
      if (collection !== undefined) requireCollection(library, collection, ctx);
      const matching = library
        .all(collection)
        .filter((doc) => type === undefined || metaString(doc, 'type') === type)
        .filter(
          (doc) =>
            service === undefined || metaString(doc, 'service')?.toLowerCase() === service.toLowerCase(),
        )
        .filter((doc) => stale === undefined || isStale(doc, staleAfterDays) === stale);
      const page = matching.slice(ctx.page.offset, ctx.page.offset + ctx.page.limit);
      ctx.hasMore = ctx.page.offset + page.length < matching.length;
      return { documents: page.map((doc) => summarize(doc, staleAfterDays)) };
    },
  });
}
