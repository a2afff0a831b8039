import { defineTool, ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import { summarize } from '../describe.ts';
import type { DocsLibrary, StoredDoc } from '../library.ts';
import {
  COLLECTION_REASON,
  collectionName,
  DocSummary,
  docPath,
  docSummaryUntrusted,
  docsTarget,
  requireCollection,
} from './schemas.ts';

/** A document of a collection that exists; an unknown collection names the ones the caller may read. */
export function findDoc(
  library: DocsLibrary,
  collection: string,
  path: string,
  ctx: { mayAccess(target: string): boolean },
): StoredDoc {
  requireCollection(library, collection, ctx);
  const doc = library.get(collection, path);
  if (!doc) {
    throw new ToolError(
      ErrorCode.NotFound,
      `No document ${path} in collection ${collection}. Use search_docs or list_docs to find one.`,
    );
  }
  return doc;
}

export function readDocTool(library: DocsLibrary, staleAfterDays: number) {
  return defineTool({
    name: 'read_doc',
    title: 'Read a document',
    description: 'Read a document, or one section of it by anchor (with its subsections).',
    version: '1.0.0',
    access: 'read',
    scopes: ['docs:read'],
    target: ({ collection, path }) => docsTarget(collection, path),
    input: z.object({
      collection: collectionName,
      path: docPath,
      anchor: z.string().max(200).optional().describe('Section anchor (from search_docs); omit for all'),
    }),
    output: DocSummary.extend({
      sections: z.array(
        z.object({ anchor: z.string(), heading: z.string(), level: z.number(), text: z.string() }),
      ),
    }),
    untrusted: [...docSummaryUntrusted(), 'sections.*.anchor', 'sections.*.heading', 'sections.*.text'],
    trusted: { collection: COLLECTION_REASON },
    paginate: { items: 'sections', pageSize: 25 },
    async handler({ collection, path, anchor }, ctx) {
      const doc = findDoc(library, collection, path, ctx);
      let sections = doc.parsed.sections;
      if (anchor !== undefined) {
        const start = sections.findIndex((s) => s.anchor === anchor);
        if (start === -1) {
          const anchors = sections.map((s) => s.anchor).filter(Boolean);
          throw new ToolError(
            ErrorCode.NotFound,
            `No section #${anchor} in ${path}. Anchors: ${anchors.slice(0, 30).join(', ')}.`,
          );
        }
        const level = sections[start]?.level ?? 0;
        let end = start + 1;
        while (end < sections.length && (sections[end]?.level ?? 0) > level) end++;
        sections = sections.slice(start, end);
      }
      const page = sections.slice(ctx.page.offset, ctx.page.offset + ctx.page.limit);
      ctx.hasMore = ctx.page.offset + page.length < sections.length;
      return {
        ...summarize(doc, staleAfterDays),
        sections: page.map((s) => ({
          anchor: s.anchor,
          heading: s.heading,
          level: s.level,
          text: s.text.trim(),
        })),
      };
    },
  });
}
