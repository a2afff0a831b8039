import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from '../test-expect.ts';

describe('url_password', () => {
  it.each([
    ['postgres://app_user:', 'S3cr3t-Passw0rd', '@db.internal:5432/orders'],
    ['postgresql://svc:', 'p4ss', '@10.0.0.5/app?sslmode=require'],
    ['mysql://root:', 'r00tpw!', '@localhost:3306/shop'],
    ['mongodb+srv://admin:', 'Mongo123', '@cluster0.acme.mongodb.net/app'],
    ['redis://:', 'redisSecret42', '@cache.internal:6379/0'],
    ['amqp://guest:', 'rabbit-pass', '@mq:5672/'],
    ['https://deploy:', 'hunter2', '@git.acme.test/org/repo.git'],
    ['postgres://u:', 'p@ss:w0rd', '@db/app'],
  ])('%s…', (before, password, after) => {
    expectRedacted(before, password, after, 'url_password');
  });

  it.each([
    'https://api.acme.test:8443/v1/orders?page=2',
    'https://github.com/acme/api/pull/42',
    `postgres://user:\${DB_PASSWORD}@db:5432/app`,
    'postgres://user:password@localhost/app',
    'redis://cache.internal:6379/0',
    'see https://example.com/users/@alice for details',
  ])('keeps %s (no password, or a placeholder)', (text) => {
    expectKept(text);
  });
});
