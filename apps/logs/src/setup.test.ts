import { ConfigError } from '@gatehouse/kit';
import { describe, expect, it } from 'vitest';
import { LogsSettingsSchema } from './config.ts';
import { startLogs } from './setup.ts';

const ctx = { log: () => {}, onShutdown: () => {}, env: {} } as never;

describe('startLogs', () => {
  it('builds Elasticsearch and OpenSearch sources without reaching them, their allowlists as boundaries', async () => {
    const settings = LogsSettingsSchema.parse({
      sources: [
        {
          name: 'es',
          kind: 'elasticsearch',
          node: 'http://127.0.0.1:9',
          auth: { apiKey: 'k' },
          allow: ['logs-*'],
        },
        {
          name: 'os',
          kind: 'opensearch',
          node: 'http://127.0.0.1:9',
          auth: { username: 'u', password: 'p' },
          allow: ['app-*'],
          deny: ['app-secret'],
        },
      ],
    });
    const started = await startLogs(settings, ctx);
    expect(started.boundaries.map((b) => [b.setting, b.allow, b.deny])).toEqual([
      ['GATEHOUSE_LOGS_SOURCES[0] (es) allow/deny', ['logs:es/logs-*'], []],
      ['GATEHOUSE_LOGS_SOURCES[1] (os) allow/deny', ['logs:os/app-*'], ['logs:os/app-secret']],
    ]);
  });

  it('stops start-up on an unreadable CA file, naming the setting', async () => {
    const settings = LogsSettingsSchema.parse({
      sources: [
        {
          name: 'es',
          kind: 'elasticsearch',
          node: 'https://127.0.0.1:9',
          caFile: '/nonexistent/ca.pem',
          allow: ['logs-*'],
        },
      ],
    });
    const error = await startLogs(settings, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'GATEHOUSE_LOGS_SOURCES[0] (es).caFile: cannot read /nonexistent/ca.pem (ENOENT)',
    ]);
  });

  it('refuses a cluster source with both or neither of node and cloudId', () => {
    const parsed = LogsSettingsSchema.safeParse({
      sources: [{ name: 'es', kind: 'elasticsearch', allow: ['logs-*'] }],
    });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('set exactly one of node and cloudId');
  });
});
