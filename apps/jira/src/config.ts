import { z } from 'zod';

/** The jira server's own settings (`GATEHOUSE_JIRA_*`, or keys of the file named by GATEHOUSE_JIRA_CONFIG). */
export const JiraSettingsSchema = z.object({
  maxItems: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1000)
    .describe('Items the store holds; adding one more is refused.'),
});

export type JiraSettings = z.infer<typeof JiraSettingsSchema>;
