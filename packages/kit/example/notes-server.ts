import { definePrompt, defineResource, defineServer, defineTool, ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';

/**
 * A small server written the way every Gatehouse server is: tools as data over an upstream (here an in-memory
 * notebook). It serves the root `pnpm start` until the first real server lands, and the kit's tests use it.
 */
export interface Note {
  id: string;
  title: string;
  body: string;
  author: string;
}

export function createNotebook(seed: readonly Note[] = DEMO_NOTES) {
  const notes = new Map(seed.map((n) => [n.id, { ...n }]));
  let next = notes.size + 1;
  return {
    list: () => [...notes.values()],
    get: (id: string) => notes.get(id),
    add(title: string, body: string, author: string): Note {
      const note = { id: `n${next++}`, title, body, author };
      notes.set(note.id, note);
      return note;
    },
    remove: (id: string) => notes.delete(id),
  };
}
export type Notebook = ReturnType<typeof createNotebook>;

const NoteSummary = z.object({ id: z.string(), title: z.string(), author: z.string() });
const AUTHOR_REASON = "the writer's actor id, from the server's own authentication";

export function notesServer(notebook: Notebook = createNotebook()) {
  const find = (id: string) => {
    const note = notebook.get(id);
    if (!note) throw new ToolError(ErrorCode.NotFound, `No note with id ${id}.`);
    return note;
  };
  return defineServer({
    name: 'notes',
    version: '0.1.0',
    title: 'Notes (example)',
    instructions: 'A demo notebook: list, read, add and delete notes.',
    tools: [
      defineTool({
        name: 'list_notes',
        title: 'List notes',
        description: 'List notes (id, title, author), newest last.',
        version: '1.0.1',
        access: 'read',
        scopes: ['notes:read'],
        target: () => 'notebook:demo',
        input: z.object({ author: z.string().max(100).optional().describe('Only notes by this author') }),
        output: z.object({ notes: z.array(NoteSummary) }),
        untrusted: ['notes.*.title'],
        trusted: { 'notes.*.id': 'n<number>, made by the notebook', 'notes.*.author': AUTHOR_REASON },
        paginate: { items: 'notes', pageSize: 20 },
        async handler({ author }, ctx) {
          const all = notebook.list().filter((n) => !author || n.author === author);
          const page = all.slice(ctx.page.offset, ctx.page.offset + ctx.page.limit);
          ctx.hasMore = ctx.page.offset + page.length < all.length;
          return { notes: page.map(({ id, title, author }) => ({ id, title, author })) };
        },
      }),
      defineTool({
        name: 'get_note',
        title: 'Read a note',
        description: 'Read one note by id.',
        version: '1.0.1',
        access: 'read',
        scopes: ['notes:read'],
        target: ({ id }) => `note:${id}`,
        input: z.object({
          id: z
            .string()
            .regex(/^n\d+$/)
            .describe('Note id, e.g. n1'),
        }),
        output: z.object({ id: z.string(), title: z.string(), author: z.string(), body: z.string() }),
        untrusted: ['title', 'body'],
        trusted: { id: 'n<number>, made by the notebook', author: AUTHOR_REASON },
        async handler({ id }) {
          return find(id);
        },
      }),
      defineTool({
        name: 'add_note',
        title: 'Add a note',
        description: 'Add a note. Needs approval.',
        version: '1.0.1',
        access: 'write',
        scopes: ['notes:write'],
        target: () => 'notebook:demo',
        input: z.object({ title: z.string().min(1).max(200), body: z.string().max(10_000) }),
        output: z.object({ id: z.string() }),
        trusted: { id: 'n<number>, made by the notebook' },
        async handler({ title, body }, ctx) {
          return { id: notebook.add(title, body, ctx.identity.actor).id };
        },
      }),
      defineTool({
        name: 'delete_note',
        title: 'Delete a note',
        description: 'Delete a note for good. Needs approval.',
        version: '1.0.1',
        access: 'destructive',
        scopes: ['notes:write'],
        target: ({ id }) => `note:${id}`,
        input: z.object({ id: z.string().regex(/^n\d+$/) }),
        output: z.object({ deleted: z.boolean() }),
        async handler({ id }) {
          find(id);
          return { deleted: notebook.remove(id) };
        },
      }),
    ],
    resources: [
      defineResource({
        name: 'note',
        title: 'Note',
        description: 'One note as Markdown.',
        version: '1.0.1',
        scopes: ['notes:read'],
        mimeType: 'text/markdown',
        uri: 'notes://{id}',
        target: ({ id }) => `note:${id}`,
        untrusted: true,
        list: async () =>
          notebook.list().map((n) => ({ uri: `notes://${n.id}`, name: n.id, title: n.title })),
        async read({ id }) {
          const note = find(id ?? '');
          return { text: `# ${note.title}\n\n${note.body}\n` };
        },
      }),
    ],
    prompts: [
      definePrompt({
        name: 'summarize_notes',
        title: 'Summarize notes',
        description: 'Ask for a summary of the notes by one author.',
        version: '1.0.1',
        scopes: ['notes:read'],
        args: z.object({ author: z.string().min(1).describe('Whose notes') }),
        target: () => 'notebook:demo',
        async render({ author }) {
          const titles = notebook
            .list()
            .filter((n) => n.author === author)
            .map((n) => `- ${n.title}`);
          return [
            { role: 'user', text: `Summarize these notes by ${author}:\n${titles.join('\n') || '(none)'}` },
          ];
        },
      }),
    ],
  });
}

export const DEMO_NOTES: readonly Note[] = [
  {
    id: 'n1',
    title: 'On-call handover',
    body: 'Rotate the pager on Monday. Staging DB: postgres://oncall:hunter2-not-really@db.staging:5432/app',
    author: 'alice',
  },
  {
    id: 'n2',
    title: 'Release checklist',
    body: 'Tag, build, deploy to staging, smoke test, then prod.',
    author: 'bob',
  },
  {
    id: 'n3',
    title: 'Incident 42',
    body: 'Root cause: a missing index on orders.customer_id.',
    author: 'alice',
  },
];
