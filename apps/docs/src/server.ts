import { defineServer } from '@gatehouse/kit';
import type { DocsLibrary } from './library.ts';
import { docsPrompts } from './prompts.ts';
import { docsResources } from './resources.ts';
import { listDocsTool } from './tools/list.ts';
import { readDocTool } from './tools/read.ts';
import { relatedDocsTool } from './tools/related.ts';
import { searchDocsTool } from './tools/search.ts';

/** The docs server: runbooks, ADRs, references and guides, read-only, section by section. */
export function docsServer(library: DocsLibrary, options: { staleAfterDays: number }) {
  const { staleAfterDays } = options;
  return defineServer({
    name: 'docs',
    version: '0.1.0',
    title: 'Documentation',
    instructions:
      'Search the team handbook before acting: runbooks for alerts, ADRs for why things are as they are, references and guides. Read the section search_docs points at.',
    tools: [
      searchDocsTool(library, staleAfterDays),
      readDocTool(library, staleAfterDays),
      listDocsTool(library, staleAfterDays),
      relatedDocsTool(library),
    ],
    resources: docsResources(library, staleAfterDays),
    prompts: docsPrompts(library),
  });
}
