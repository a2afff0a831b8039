import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type LogsSettings, LogsSettingsSchema, type SourceConfig, SourceSchema } from '../src/config.ts';
import { ECS_FIELDS } from '../src/fields.ts';
import { FileBackend } from '../src/files/file-backend.ts';
import { DEFAULT_LINE_PATTERN } from '../src/files/parse.ts';
import { logsServer } from '../src/server.ts';
import { sourceOf } from '../src/setup.ts';
import { Sources } from '../src/sources.ts';
import { sourceBoundaries } from '../src/targets.ts';

export const LIMITS = (() => {
  const { sources: _, ...limits } = LogsSettingsSchema.parse({});
  return limits;
})();

export type Limits = typeof LIMITS;

/** A temporary folder of real log files; `files` maps a relative path to its lines (`.gz` paths are gzip'd). */
export async function logFolder(
  files: Record<string, string | { text: string; modified?: number }>,
): Promise<{ root: string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'gatehouse-logs-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    const text = typeof content === 'string' ? content : content.text;
    await writeFile(full, path.endsWith('.gz') ? gzipSync(text) : text);
    if (typeof content !== 'string' && content.modified !== undefined) {
      await utimes(full, content.modified / 1000, content.modified / 1000);
    }
  }
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

export function fileBackend(
  root: string,
  overrides: Partial<ConstructorParameters<typeof FileBackend>[0]> = {},
) {
  return new FileBackend({
    root,
    format: 'auto',
    linePattern: new RegExp(DEFAULT_LINE_PATTERN),
    fields: ECS_FIELDS,
    maxLineBytes: 64 * 1024,
    clockSkewMs: 300_000,
    ...overrides,
  });
}

/** The server over one files source at `root`, with its boundaries (allow/deny) as the kit receives them. */
export function fileServer(
  root: string,
  options: {
    allow?: string[];
    deny?: string[];
    limits?: Partial<Limits>;
    backend?: Partial<ConstructorParameters<typeof FileBackend>[0]>;
  } = {},
) {
  const config: SourceConfig = SourceSchema.parse({
    name: 'app',
    kind: 'files',
    root,
    allow: options.allow ?? ['**/*'],
    deny: options.deny ?? [],
  });
  const limits = { ...LIMITS, ...options.limits };
  const sources = new Sources([sourceOf(config, fileBackend(root, options.backend))]);
  return { definition: logsServer(sources, limits), boundaries: sourceBoundaries([config]), sources, limits };
}

export type { LogsSettings };

/** One ECS NDJSON line. */
export function ecs(
  time: string,
  service: string,
  level: string,
  message: string,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    '@timestamp': time,
    'log.level': level,
    service: { name: service },
    message,
    ...extra,
  });
}
