import { defineTool } from '@gatehouse/kit';
import { z } from 'zod';
import type { Sources } from '../sources.ts';
import { originTarget, sourceTarget } from '../targets.ts';
import { iso, TIME_REASON } from './common.ts';

const OriginRow = z.object({
  source: z.string(),
  kind: z.string(),
  name: z.string(),
  size: z.string().optional(),
  docs: z.number().int().optional(),
  oldest: z.string().optional(),
  newest: z.string().optional(),
});

export function listSourcesTool(sources: Sources) {
  return defineTool({
    name: 'list_sources',
    title: 'List log sources',
    description: 'Sources and the files, indices or data streams you may read, with size and time span.',
    version: '1.0.1',
    access: 'read',
    scopes: ['logs:read'],
    target: () => 'logs:*',
    input: z.object({}),
    output: z.object({
      origins: z.array(OriginRow),
      unreachable: z.array(z.string()).optional(),
    }),
    untrusted: ['origins.*.name', 'unreachable'],
    trusted: {
      'origins.*.source': "source name from the server's config",
      'origins.*.kind': 'file, index or data_stream: set by this server',
      'origins.*.size': 'a size this server formats',
      'origins.*.oldest': TIME_REASON,
      'origins.*.newest': TIME_REASON,
    },
    async handler(_input, ctx) {
      const origins: z.infer<typeof OriginRow>[] = [];
      const unreachable: string[] = [];
      for (const source of sources.all()) {
        if (!ctx.mayAccess(sourceTarget(source.name))) continue;
        try {
          for (const o of await source.backend.origins(ctx.signal)) {
            if (!ctx.mayAccess(originTarget(source.name, o.name))) continue;
            origins.push({
              source: source.name,
              kind: o.kind,
              name: o.name,
              ...(o.bytes !== undefined ? { size: sizeText(o.bytes) } : {}),
              ...(o.documents !== undefined ? { docs: o.documents } : {}),
              ...(o.oldest !== undefined ? { oldest: iso(o.oldest) } : {}),
              ...(o.newest !== undefined ? { newest: iso(o.newest) } : {}),
            });
          }
        } catch (error) {
          unreachable.push(`${source.name}: ${(error as Error).message}`);
        }
      }
      return { origins, ...(unreachable.length > 0 ? { unreachable } : {}) };
    },
  });
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
