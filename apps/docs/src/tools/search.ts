import { defineTool } from '@gatehouse/kit';
import { z } from 'zod';
import { isStale, metaString } from '../describe.ts';
import type { DocsLibrary } from '../library.ts';
import { COLLECTION_REASON, collectionName, docsTarget, docType, requireCollection } from './schemas.ts';

export function searchDocsTool(library: DocsLibrary, staleAfterDays: number) {
  return defineTool({
    name: 'search_docs',
    title: 'Search docs',
    description: 'The best-matching sections of runbooks, ADRs, references and guides; typos tolerated.',
    version: '1.0.1',
    access: 'read',
    scopes: ['docs:read'],
    target: ({ collection }) => docsTarget(collection),
    input: z.object({
      query: z.string().min(1).max(200),
      collection: collectionName.optional(),
      type: docType.optional(),
      service: z.string().max(100).optional(),
      tag: z.string().max(100).optional(),
      owner: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(20).default(8),
    }),
    output: z.object({
      results: z.array(
        z.object({
          collection: z.string(),
          path: z.string(),
          anchor: z.string(),
          section: z.string(),
          type: z.string().optional(),
          stale: z.boolean(),
          snippet: z.string(),
        }),
      ),
    }),
    untrusted: [
      'results.*.path',
      'results.*.anchor',
      'results.*.section',
      'results.*.type',
      'results.*.snippet',
    ],
    trusted: { 'results.*.collection': COLLECTION_REASON },
    async handler({ query, collection, limit, ...filters }, ctx) {
      if (collection !== undefined) requireCollection(library, collection, ctx);
      const hits = library.index.search(query, {
        filters: { ...filters, ...(collection ? { collection } : {}) },
        limit,
      });
      return {
        results: hits.map((hit) => {
          const doc = library.get(hit.collection, hit.path);
          const type = doc ? metaString(doc, 'type') : undefined;
          return {
            collection: hit.collection,
            path: hit.path,
            anchor: hit.anchor,
            section: hit.titlePath.length > 0 ? hit.titlePath.join(' › ') : hit.title,
            ...(type ? { type } : {}),
            stale: doc ? isStale(doc, staleAfterDays) : false,
            snippet: hit.snippet,
          };
        }),
      };
    },
  });
}
