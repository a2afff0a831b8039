import type { z } from 'zod';

/** One line per problem, each naming the field and the rule, e.g. `limit: must be at most 50 (got 999)`. */
export function describeZodError(subject: string, error: z.ZodError): string {
  const lines = error.issues.slice(0, 10).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(arguments)';
    return `${field}: ${issue.message}`;
  });
  const more = error.issues.length > 10 ? `\n…and ${error.issues.length - 10} more problems` : '';
  return `Invalid arguments for ${subject}:\n${lines.join('\n')}${more}`;
}
