// A team's own server, outside the Gatehouse repository: written against the installed @gatehouse/kit only.
import { defineServer, defineTool, ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';

export function wordsServer() {
  return defineServer({
    name: 'words',
    version: '1.0.0',
    title: 'Words',
    tools: [
      defineTool({
        name: 'count_words',
        title: 'Count words',
        description: 'Count the words of a text.',
        version: '1.0.0',
        access: 'read',
        scopes: ['words:read'],
        target: () => 'words:text',
        input: z.object({ text: z.string().max(1000).describe('The text') }),
        output: z.object({ words: z.number().int() }),
        async handler({ text }) {
          const words = text.split(/\s+/).filter(Boolean).length;
          if (words === 0) throw new ToolError(ErrorCode.InvalidInput, 'The text has no words.');
          return { words };
        },
      }),
    ],
  });
}
