// A generated tool checked at start the way a client checks `tools/list`: one tool a client rejects makes the
// whole list unusable, so an operation that would produce one is left out and reported instead. The checks: the
// name's form, both schemas render as JSON Schema objects with no top-level union, every `pattern` compiles as
// a Unicode regular expression (what client validators use), and the listing fits the kit's token cap.
import { z } from 'zod';
import { TOOL_NAME } from '../config.ts';
import type { BuiltOperation } from './build.ts';
import { compilePattern, SchemaError } from './schema-zod.ts';

/** The kit's hard cap on one listed tool, estimated at 4 characters a token. */
export const TOOL_TOKEN_CAP = 400;

export function wireOf(built: Pick<BuiltOperation, 'name' | 'title' | 'description' | 'input' | 'output'>) {
  const render = (schema: z.ZodType, io: 'input' | 'output') => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    delete json.$schema;
    return json;
  };
  return {
    name: built.name,
    title: built.title,
    description: built.description,
    inputSchema: render(built.input.strict(), 'input'),
    outputSchema: render(built.output, 'output'),
  };
}

export const estimateTokens = (value: unknown) => Math.ceil(JSON.stringify(value).length / 4);

export function validateTool(built: BuiltOperation): void {
  if (!TOOL_NAME.test(built.name))
    throw new SchemaError(`tool name "${built.name}" is not snake_case of 2-64 characters`);
  let wire: ReturnType<typeof wireOf>;
  try {
    wire = wireOf(built);
  } catch (error) {
    throw new SchemaError(`its schema cannot be written as JSON Schema (${(error as Error).message})`);
  }
  for (const [which, schema] of [
    ['input', wire.inputSchema],
    ['output', wire.outputSchema],
  ] as const) {
    if (schema.type !== 'object') throw new SchemaError(`its ${which} schema is not an object`);
    for (const combinator of ['anyOf', 'oneOf', 'allOf']) {
      if (combinator in schema) throw new SchemaError(`its ${which} schema has a top-level ${combinator}`);
    }
    forEachPattern(schema, (pattern) => compilePattern(pattern));
  }
  const tokens = estimateTokens({ ...wire, annotations: { readOnlyHint: true, destructiveHint: false } });
  if (tokens > TOOL_TOKEN_CAP) {
    const input = estimateTokens(wire.inputSchema);
    const output = estimateTokens(wire.outputSchema);
    const advice =
      output >= input
        ? 'select fewer response fields (operations.<id>.fields)'
        : 'its input is too large to serve as one tool';
    throw new SchemaError(
      `it would cost about ${tokens} tokens in tools/list (cap ${TOOL_TOKEN_CAP}; input ${input}, output ${output}); ${advice}`,
    );
  }
}

function forEachPattern(value: unknown, visit: (pattern: string) => void, depth = 0): void {
  if (depth > 64 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) forEachPattern(item, visit, depth + 1);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === 'pattern' && typeof child === 'string') visit(child);
    else forEachPattern(child, visit, depth + 1);
  }
}
