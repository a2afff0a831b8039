import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const CollectionSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, 'expected a lowercase name (letters, digits, -)')
    .describe('Collection name; policy targets are docs:<name>/<path>'),
  path: z.string().min(1).describe('Folder of Markdown and text files'),
});

export const DEFAULT_DOCS_FOLDER = fileURLToPath(new URL('../../../examples/docs', import.meta.url));

/** The docs server's own settings (`GATEHOUSE_DOCS_*`, or keys of the file named by GATEHOUSE_DOCS_CONFIG). */
export const DocsSettingsSchema = z.object({
  collections: z
    .array(CollectionSchema)
    .min(1)
    .default([{ name: 'handbook', path: DEFAULT_DOCS_FOLDER }])
    .describe('JSON array of {name, path}; default: the demo handbook in examples/docs.'),
  staleAfterDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(180)
    .describe('A document not reviewed for this many days is flagged stale.'),
  maxFileBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(1024 * 1024)
    .describe('Larger files are skipped and reported.'),
});

export type DocsSettings = z.infer<typeof DocsSettingsSchema>;
export type CollectionConfig = z.infer<typeof CollectionSchema>;
