import { ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import { type DocsLibrary, safeRelativePath } from '../library.ts';

export const collectionName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/)
  .describe('e.g. handbook');
export const docPath = z
  .string()
  .min(1)
  .max(1024)
  // Checked here, before the policy looks at the target: `../../etc/passwd` is a wrong path, not a permission.
  .refine((path) => safeRelativePath(path) !== undefined, {
    message:
      'must stay inside the collection: a relative path such as runbooks/disk-space-low.md, with no "..", "." or empty segments, no leading "/" and no backslash',
  })
  .describe('e.g. guides/deploying.md');
export const docType = z.enum(['runbook', 'adr', 'reference', 'guide']);

/** A collection's name is the operator's (server config); everything else in a document is its authors'. */
export const COLLECTION_REASON = "collection name from the server's config";
/** The fields of DocSummary its authors write (front matter and file path), as untrusted paths under `prefix`. */
export const docSummaryUntrusted = (prefix = '') =>
  ['path', 'title', 'type', 'owner', 'service', 'status', 'lastReviewed'].map((field) => `${prefix}${field}`);

export const DocSummary = z.object({
  collection: z.string(),
  path: z.string(),
  title: z.string(),
  type: z.string().optional(),
  owner: z.string().optional(),
  service: z.string().optional(),
  status: z.string().optional(),
  lastReviewed: z.string().optional(),
  stale: z.boolean(),
});

/** Policy target of a document, or of a whole collection (or of every collection, `docs:*`). */
export function docsTarget(collection: string | undefined, path?: string): string {
  if (collection === undefined) return 'docs:*';
  return path === undefined ? `docs:${collection}` : `docs:${collection}/${path}`;
}

/** Refuses a collection this server does not have, naming the ones the caller may read instead. */
export function requireCollection(
  library: DocsLibrary,
  collection: string,
  ctx: { mayAccess(target: string): boolean },
): void {
  const names = library.collections();
  if (names.includes(collection)) return;
  const readable = names.filter((name) => ctx.mayAccess(docsTarget(name)));
  throw new ToolError(
    ErrorCode.NotFound,
    `No collection named ${collection}. ${readable.length > 0 ? `Collections: ${readable.join(', ')}.` : 'You may read none.'}`,
  );
}
