import { defineTool, ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import { summarize } from '../describe.ts';
import type { DocsLibrary, StoredDoc } from '../library.ts';
import type { Section } from '../search/index.ts';
import {
  COLLECTION_REASON,
  collectionName,
  DocSummary,
  docPath,
  docSummaryUntrusted,
  docsTarget,
  requireCollection,
} from './schemas.ts';

/**
 * A section as Markdown a reader (or a model) reads as written: its heading at its level, the anchor read_doc and
 * search_docs use in `{#anchor}` (the heading-id syntax of Pandoc and kramdown), then its text. The text before
 * the first heading has no heading line; an empty one is left out.
 */
export function sectionMarkdown(section: Section): string {
  const text = section.text.trim();
  if (section.level === 0) return text;
  const heading = `${'#'.repeat(section.level)} ${section.heading} {#${section.anchor}}`;
  return text === '' ? heading : `${heading}\n\n${text}`;
}

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
    description: 'A document, or one section of it (with subsections), as Markdown.',
    version: '2.0.1',
    access: 'read',
    scopes: ['docs:read'],
    target: ({ collection, path }) => docsTarget(collection, path),
    input: z.object({
      collection: collectionName,
      path: docPath,
      anchor: z.string().max(200).optional().describe('Section, from search_docs'),
    }),
    output: DocSummary.extend({
      sections: z.array(z.string()).describe('Markdown; headings end in {#anchor}'),
    }),
    untrusted: [...docSummaryUntrusted(), 'sections.*'],
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
      const texts = sections.map(sectionMarkdown).filter((text) => text !== '');
      const page = texts.slice(ctx.page.offset, ctx.page.offset + ctx.page.limit);
      ctx.hasMore = ctx.page.offset + page.length < texts.length;
      return { ...summarize(doc, staleAfterDays), sections: page };
    },
  });
}
