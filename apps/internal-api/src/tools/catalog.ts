// The catalog mode (`catalog: true`): for a large allowlist, a few tools instead of one per operation, so
// tools/list stays small. `find_operation` searches the allowed operations; `call_operation` calls a read.
// Writes and destructive operations get their own call tools, because access (and with it approval) belongs
// to a tool: `call_write_operation` and `call_destructive_operation` wait for a person exactly as the generated
// tools would, bound to the exact operation and arguments. Every call is still checked against the operation's own
// target (`api:<service>/<tool>`), so policy globs and the allowlist boundary apply as they do to the tools.
import { type Access, defineTool, ErrorCode, type ToolDefinition, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import type { BuiltOperation } from '../openapi/build.ts';
import { wireOf } from '../openapi/check-tool.ts';
import type { LoadedServices } from '../services.ts';
import type { ServiceClient } from '../upstream/client.ts';
import { callOperation, READ_SCOPE, WRITE_SCOPE } from './operations.ts';

interface Entry {
  readonly built: BuiltOperation;
  readonly client: ServiceClient;
  /** Lower-case words of its name, summary, tags and path, for the search. */
  readonly words: string;
}

const CALLERS: Record<Access, { name: string; title: string; description: string }> = {
  read: {
    name: 'call_operation',
    title: 'Call an operation',
    description: 'Call a read operation found with find_operation, with its arguments.',
  },
  write: {
    name: 'call_write_operation',
    title: 'Call a write operation',
    description: "Call a write operation found with find_operation. Needs a person's approval.",
  },
  destructive: {
    name: 'call_destructive_operation',
    title: 'Call a destructive operation',
    description:
      "Call an operation that cannot be undone, found with find_operation. Needs a person's approval.",
  },
};

export function catalogTools(loaded: LoadedServices): ToolDefinition[] {
  const entries = new Map<string, Entry>();
  for (const service of loaded.services) {
    for (const built of service.operations) {
      const { operation } = built;
      const words = [built.name, operation.summary ?? '', operation.tags.join(' '), operation.path]
        .join(' ')
        .toLowerCase();
      entries.set(built.name, { built, client: service.client, words });
    }
  }
  const accesses = new Set([...entries.values()].map((e) => e.built.access));
  return [findOperation(entries), ...[...accesses].map((access) => caller(access, entries))];
}

function findOperation(entries: ReadonlyMap<string, Entry>): ToolDefinition {
  return defineTool({
    name: 'find_operation',
    title: 'Find an operation',
    description: 'Search the allowed API operations by words; answers each match with its input schema.',
    version: '1.0.1',
    access: 'read',
    scopes: [READ_SCOPE],
    target: () => 'api:*',
    input: z.object({
      query: z.string().min(1).max(200).describe('Words to look for, e.g. "refund order"'),
      limit: z.number().int().min(1).max(25).optional().describe('Most matches (default 10)'),
    }),
    output: z.object({
      operations: z.array(
        z.object({
          operation: z.string(),
          access: z.enum(['read', 'write', 'destructive']),
          call: z.string(),
          summary: z.string(),
          input: z.unknown(),
        }),
      ),
    }),
    // Summaries and schemas come from the document: fenced as data like any upstream text.
    untrusted: ['operations.*.summary', 'operations.*.input'],
    trusted: {
      'operations.*.operation': 'a tool name the server made from an allowlisted operationId',
      'operations.*.call': 'the name of one of this server’s call tools',
    },
    async handler({ query, limit }, ctx) {
      const terms = query
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
      const scored = [...entries.values()]
        .filter((e) => ctx.mayAccess(e.built.target))
        .map((e) => ({ e, score: terms.filter((t) => e.words.includes(t)).length }))
        .filter(({ score }) => score > 0)
        .sort((a, b) => b.score - a.score || a.e.built.name.localeCompare(b.e.built.name))
        .slice(0, limit ?? 10);
      return {
        operations: scored.map(({ e }) => ({
          operation: e.built.name,
          access: e.built.access,
          call: CALLERS[e.built.access].name,
          summary: e.built.description,
          input: wireOf(e.built).inputSchema,
        })),
      };
    },
  });
}

function caller(access: Access, entries: ReadonlyMap<string, Entry>): ToolDefinition {
  const { name, title, description } = CALLERS[access];
  const find = (operation: string) => {
    const entry = entries.get(operation);
    return entry && entry.built.access === access ? entry : undefined;
  };
  return defineTool({
    name,
    title,
    description,
    version: '1.0.1',
    access,
    scopes: access === 'read' ? [READ_SCOPE] : [READ_SCOPE, WRITE_SCOPE],
    // The operation's own target: the same policy globs and allowlist boundary as its generated tool.
    target: ({ operation }) => find(operation)?.built.target ?? `api:unknown/${operation}`,
    input: z.object({
      operation: z
        .string()
        .regex(/^[a-z][a-z0-9_]{1,63}$/, 'expected an operation name from find_operation')
        .describe('The operation, as find_operation names it'),
      arguments: z.record(z.string(), z.unknown()).default({}).describe("The operation's input"),
    }),
    output: z.object({ operation: z.string(), result: z.record(z.string(), z.unknown()) }),
    untrusted: ['result'],
    trusted: { operation: 'the allowlisted operation the caller named, checked before the call' },
    async handler({ operation, arguments: args }, ctx) {
      const entry = find(operation);
      if (!entry) {
        throw new ToolError(
          ErrorCode.NotFound,
          `No allowed ${access} operation named ${operation}; find one with find_operation (its "call" says which tool calls it).`,
        );
      }
      // The operation's own schema, strict, as its generated tool would check it.
      const checked = entry.built.input.strict().safeParse(args);
      if (!checked.success) {
        const issues = checked.error.issues.map(
          (i) => `arguments.${i.path.join('.') || '(root)'}: ${i.message}`,
        );
        throw new ToolError(
          ErrorCode.InvalidInput,
          `Invalid arguments for ${operation}: ${issues.join('; ')}`,
        );
      }
      const result = await callOperation(entry.built, entry.client, checked.data, ctx.signal);
      return { operation, result };
    },
  });
}
