import { fileURLToPath } from 'node:url';
import { type FileSourceConfig, SourceSchema } from '../config.ts';

/** The demo logs' folder: examples/logs at the repository's root. */
export const DEMO_ROOT = fileURLToPath(new URL('../../../../examples/logs', import.meta.url));
/** The time of the demo's last line; the embedded default shifts every line so this is start-up time. */
export const DEMO_END = Date.UTC(2026, 10, 30, 12, 0, 0);

export function demoSourceConfig(): FileSourceConfig {
  return SourceSchema.parse({
    name: 'demo',
    kind: 'files',
    root: DEMO_ROOT,
    allow: ['**/*'],
  }) as FileSourceConfig;
}
