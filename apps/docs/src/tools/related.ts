import { defineTool } from '@gatehouse/kit';
import { z } from 'zod';
import { metaString } from '../describe.ts';
import type { DocsLibrary, StoredDoc } from '../library.ts';
import { findDoc } from './read.ts';
import { collectionName, docPath, docsTarget } from './schemas.ts';

const Link = z.object({
  path: z.string(),
  title: z.string(),
  anchor: z.string().optional(),
  exists: z.boolean(),
});

/** `superseded_by` as written (`adr/0007-x.md`, `0007-x.md`, or `../adr/0007-x.md`) to a collection path. */
export function supersededBy(library: DocsLibrary, doc: StoredDoc): StoredDoc | undefined {
  const raw = metaString(doc, 'superseded_by');
  if (!raw) return undefined;
  const folder = doc.path.includes('/') ? doc.path.slice(0, doc.path.lastIndexOf('/')) : '';
  const candidates = [
    raw.replace(/^\.\//, ''),
    folder ? `${folder}/${raw}` : raw,
    raw.replace(/^(\.\.\/)+/, ''),
  ];
  for (const candidate of candidates) {
    const found = library.get(doc.collection, candidate);
    if (found) return found;
  }
  return undefined;
}

/** The ADR chain through `doc`: what it replaced (oldest first), itself, and what replaced it (in order). */
export function supersessionChain(library: DocsLibrary, doc: StoredDoc): StoredDoc[] {
  const older: StoredDoc[] = [];
  let current = doc;
  for (let guard = 0; guard < 20; guard++) {
    const previous = library.all(doc.collection).find((d) => supersededBy(library, d)?.path === current.path);
    if (!previous || older.includes(previous)) break;
    older.unshift(previous);
    current = previous;
  }
  const newer: StoredDoc[] = [];
  current = doc;
  for (let guard = 0; guard < 20; guard++) {
    const next = supersededBy(library, current);
    if (!next || newer.includes(next) || next === doc) break;
    newer.push(next);
    current = next;
  }
  return [...older, doc, ...newer];
}

export function relatedDocsTool(library: DocsLibrary) {
  return defineTool({
    name: 'related_docs',
    title: 'Related documents',
    description: 'Links out of and into a document, and its ADR supersession chain.',
    version: '1.0.1',
    access: 'read',
    scopes: ['docs:read'],
    target: ({ collection, path }) => docsTarget(collection, path),
    input: z.object({ collection: collectionName, path: docPath }),
    output: z.object({
      linksOut: z.array(Link),
      linksIn: z.array(Link),
      chain: z.array(z.object({ path: z.string(), title: z.string(), status: z.string().optional() })),
    }),
    // Paths, titles, anchors and statuses all come from the documents: their authors wrote them.
    untrusted: ['linksOut.*', 'linksIn.*', 'chain.*'],
    async handler({ collection, path }, ctx) {
      const doc = findDoc(library, collection, path, ctx);
      const seen = new Set<string>();
      const linksOut = doc.parsed.links
        .filter((link) => {
          const key = `${link.target}#${link.anchor ?? ''}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .map((link) => {
          const target = library.get(collection, link.target);
          return {
            path: link.target,
            title: target?.parsed.title ?? link.text,
            ...(link.anchor ? { anchor: link.anchor } : {}),
            exists: target !== undefined,
          };
        });
      const linksIn = library
        .all(collection)
        .filter((other) => other.path !== path && other.parsed.links.some((link) => link.target === path))
        .map((other) => ({ path: other.path, title: other.parsed.title, exists: true }));
      const chain =
        metaString(doc, 'type') === 'adr' || metaString(doc, 'superseded_by')
          ? supersessionChain(library, doc).map((d) => {
              const status = metaString(d, 'status');
              return { path: d.path, title: d.parsed.title, ...(status ? { status } : {}) };
            })
          : [];
      return { linksOut, linksIn, chain };
    },
  });
}
