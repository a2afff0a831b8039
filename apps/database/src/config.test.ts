import { ConfigError } from '@gatehouse/kit';
import { loadConfig } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { DatabaseSettingsSchema, demoDatabaseConfig, redactUrl } from './config.ts';

const load = (databases: unknown) =>
  loadConfig(DatabaseSettingsSchema, {
    prefix: 'GATEHOUSE_DATABASE_',
    env: {
      GATEHOUSE_DATABASE_DATABASES: typeof databases === 'string' ? databases : JSON.stringify(databases),
    },
  });

async function problems(databases: unknown): Promise<string> {
  const error = await load(databases).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
}

describe('database settings', () => {
  it('defaults to no databases (the embedded demo) and fills per-database defaults', async () => {
    expect(
      (await loadConfig(DatabaseSettingsSchema, { prefix: 'GATEHOUSE_DATABASE_', env: {} })).databases,
    ).toEqual([]);
    const [db] = (await load([{ name: 'shop', url: 'postgres://reader:pw@db.internal:5432/shop' }]))
      .databases;
    expect(db).toMatchObject({
      name: 'shop',
      maxRows: 200,
      statementTimeoutMs: 5000,
      allowExplainAnalyze: false,
      searchPath: ['public'],
    });
  });

  it('names the setting and the key for each bad value, never echoing a password', async () => {
    const message = await problems([
      {
        name: 'Shop',
        url: 'mysql://root:hunter2@db/shop',
        maxRows: 0,
        denyTables: ['invoices'],
        masks: ['email'],
      },
    ]);
    expect(message).toContain('GATEHOUSE_DATABASE_DATABASES at 0.name');
    expect(message).toContain('0.url: expected a postgres://');
    expect(message).toContain('0.maxRows');
    expect(message).toContain('0.denyTables.0: expected schema.table');
    expect(message).toContain('0.masks.0: expected table.column');
    expect(message).not.toContain('hunter2');
  });

  it('refuses unknown keys, duplicate names and malformed JSON without showing the value', async () => {
    expect(await problems([{ name: 'a', url: 'postgres://h/a', maxrows: 5 }])).toMatch(/0: .*maxrows/);
    expect(
      await problems([
        { name: 'a', url: 'postgres://h/a' },
        { name: 'a', url: 'postgres://h/b' },
      ]),
    ).toContain('1.name: duplicate database name a');
    const malformed = await problems('[{"name":"a","url":"postgres://u:s3cret@h/a"');
    expect(malformed).toContain('GATEHOUSE_DATABASE_DATABASES');
    expect(malformed).not.toContain('s3cret');
  });

  it('redacts the password of a URL', () => {
    expect(redactUrl('postgres://reader:s3cret@db:5432/shop')).toBe('postgres://reader:***@db:5432/shop');
    expect(redactUrl('postgres://db/shop')).toBe('postgres://db/shop');
    expect(redactUrl('not a url //u:s3cret@h')).not.toContain('s3cret');
  });

  it('gives the demo its masks', () => {
    expect(demoDatabaseConfig('postgres://r:p@127.0.0.1:1/demo').masks).toEqual([
      '*.email',
      '*.phone',
      'customers.national_id',
    ]);
  });
});
