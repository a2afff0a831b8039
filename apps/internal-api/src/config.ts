import { z } from 'zod';

/** The internal-api server's own settings (`GATEHOUSE_INTERNAL_API_*`, or keys of the file named by GATEHOUSE_INTERNAL_API_CONFIG). */
export const InternalApiSettingsSchema = z.object({
  maxItems: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1000)
    .describe('Items the store holds; adding one more is refused.'),
});

export type InternalApiSettings = z.infer<typeof InternalApiSettingsSchema>;
