import { z } from 'zod';

/** The logs server's own settings (`GATEHOUSE_LOGS_*`, or keys of the file named by GATEHOUSE_LOGS_CONFIG). */
export const LogsSettingsSchema = z.object({
  maxItems: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1000)
    .describe('Items the store holds; adding one more is refused.'),
});

export type LogsSettings = z.infer<typeof LogsSettingsSchema>;
