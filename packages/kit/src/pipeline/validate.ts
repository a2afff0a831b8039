import type { z } from 'zod';
import { ErrorCode, ToolError } from '../errors.ts';
import type { Call } from './kinds/call.ts';

/** Step 3: the input against the kind's schema (tool input, prompt arguments, resource-template variables). */
export function validateStep(call: Call): void {
  call.handler.validate(call);
}

/** Parses `value` with `schema` or throws `invalid_input` naming each field and rule. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, subject: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new ToolError(ErrorCode.InvalidInput, describeZodError(subject, parsed.error));
  return parsed.data;
}

/** One line per problem, each naming the field and the rule, e.g. `limit: must be at most 50 (got 999)`. */
export function describeZodError(subject: string, error: z.ZodError): string {
  const lines = error.issues.slice(0, 10).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(arguments)';
    return `${field}: ${issue.message}`;
  });
  const more = error.issues.length > 10 ? `\n…and ${error.issues.length - 10} more problems` : '';
  return `Invalid arguments for ${subject}:\n${lines.join('\n')}${more}`;
}
