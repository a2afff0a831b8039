import { z } from 'zod';

export const collectionName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/)
  .describe('Collection name, e.g. handbook');
export const docPath = z
  .string()
  .min(1)
  .max(1024)
  .describe('Path in the collection, e.g. runbooks/disk-space-low.md');
export const docType = z.enum(['runbook', 'adr', 'reference', 'guide']);

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
