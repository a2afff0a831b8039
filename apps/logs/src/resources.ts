import { defineResource, ErrorCode, ToolError } from '@gatehouse/kit';
import type { Sources } from './sources.ts';
import { sourceTarget } from './targets.ts';

/** Each source's field mapping and allowlist: what a caller needs to write filters that match. */
export function logsResources(sources: Sources) {
  return [
    defineResource({
      name: 'source',
      title: 'Log source',
      description: "A source's kind, field mapping, allow/deny globs and deploy marker.",
      version: '1.0.1',
      scopes: ['logs:read'],
      mimeType: 'application/json',
      uri: 'logs://sources/{source}',
      target: ({ source }) => sourceTarget(source ?? ''),
      // The kit filters the listing by each entry's own target.
      list: async () => sources.names().map((name) => ({ uri: `logs://sources/${name}`, name })),
      async read({ source }) {
        const found = sources.all().find((s) => s.name === source);
        if (!found) throw new ToolError(ErrorCode.NotFound, `No source named ${source}.`);
        const { name, kind, fields, allow, deny, deploy } = found;
        return { text: JSON.stringify({ name, kind, fields, allow, deny, deployMarker: deploy }, null, 2) };
      },
    }),
  ];
}
