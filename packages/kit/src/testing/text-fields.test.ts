import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ToolDefinition } from '../contracts/define.ts';
import { checkTextFields, textFields } from './text-fields.ts';

function tool(
  output: z.ZodObject,
  paths: Pick<ToolDefinition, 'untrusted' | 'trusted'> = {},
): ToolDefinition {
  return {
    name: 't',
    title: 'T',
    description: 'd',
    version: '1.0.0',
    access: 'read',
    scopes: ['s'],
    target: () => 'x:y',
    input: z.object({}),
    output,
    handler: async () => ({}),
    ...paths,
  };
}

describe('textFields', () => {
  it('lists every place free text can appear, at any depth, and nothing else', () => {
    type Tree = { name: string; children: Tree[] };
    const Tree: z.ZodType<Tree> = z.lazy(() => z.object({ name: z.string(), children: z.array(Tree) }));
    const output = z.object({
      id: z.number(),
      ok: z.boolean(),
      state: z.enum(['open', 'closed']),
      kind: z.literal('pr'),
      at: z.iso.datetime(),
      uid: z.uuid(),
      title: z.string(),
      note: z.string().optional().nullable().default('x'),
      url: z.url(),
      items: z.array(z.object({ body: z.string(), n: z.number() })),
      counts: z.record(z.string(), z.number()),
      byState: z.record(z.enum(['a', 'b']), z.string()),
      rows: z.array(z.record(z.string(), z.unknown())),
      extra: z.object({ a: z.number() }).catchall(z.string()),
      either: z.union([z.string(), z.number()]),
      pair: z.tuple([z.string(), z.number()]),
      tree: Tree,
    });
    expect(textFields(output)).toEqual([
      { path: 'byState.*', kind: 'string' },
      { path: 'counts.*', kind: 'keys' },
      { path: 'either', kind: 'string' },
      { path: 'extra.*', kind: 'keys' },
      { path: 'extra.*', kind: 'string' },
      { path: 'items.*.body', kind: 'string' },
      { path: 'note', kind: 'string' },
      { path: 'pair.*', kind: 'string' },
      { path: 'rows.*.*', kind: 'any' },
      { path: 'rows.*.*', kind: 'keys' },
      { path: 'title', kind: 'string' },
      { path: 'tree.children.*', kind: 'any' },
      { path: 'tree.name', kind: 'string' },
      { path: 'url', kind: 'string' },
    ]);
  });
});

describe('checkTextFields', () => {
  const output = z.object({
    title: z.string(),
    state: z.string(),
    rows: z.array(z.record(z.string(), z.unknown())),
    labels: z.record(z.string(), z.number()),
    n: z.number(),
  });

  it('passes when every text field is untrusted or trusted with a reason', () => {
    expect(
      checkTextFields(
        tool(output, {
          untrusted: ['title', 'rows.*.*', 'labels.*'],
          trusted: { state: 'GitHub state enum' },
        }),
      ),
    ).toEqual([]);
  });

  it('counts a declared object as covering everything under it, keys included', () => {
    expect(checkTextFields(tool(output, { untrusted: ['title', 'rows', 'labels', 'state'] }))).toEqual([]);
  });

  it('names every text field nobody accounted for, keys and any-typed values too', () => {
    expect(checkTextFields(tool(output, { untrusted: ['title'] }))).toEqual([
      'output the keys of "labels" can hold text: declare it in untrusted if a third party can write it, or in trusted with why only the server writes it',
      'output "rows.*.*" (any value: text, or objects with text keys) can hold text: declare it in untrusted if a third party can write it, or in trusted with why only the server writes it',
      'output the keys of "rows.*" can hold text: declare it in untrusted if a third party can write it, or in trusted with why only the server writes it',
      'output "state" can hold text: declare it in untrusted if a third party can write it, or in trusted with why only the server writes it',
    ]);
  });

  it('refuses paths that name nothing, a path in both lists, and a reason that says nothing', () => {
    const problems = checkTextFields(
      tool(output, {
        untrusted: ['title', 'rows.*.*', 'labels.*', 'body', 'n'],
        trusted: { state: ' ', 'rows.*.x': 'no', titel: 'server text' },
      }),
    );
    expect(problems).toEqual([
      'untrusted path "body" names no text in the output schema',
      'untrusted path "n" names no text in the output schema',
      'trusted path "state" needs a reason: why only the server writes this text',
      'trusted path "rows.*.x" is also declared untrusted',
      'trusted path "rows.*.x" needs a reason: why only the server writes this text',
      'trusted path "titel" names no text in the output schema',
    ]);
  });
});
