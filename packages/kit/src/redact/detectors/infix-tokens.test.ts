import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from '../test-expect.ts';
import { chars } from '../test-fixtures.ts';

const HEX = '0123456789abcdef';

describe('tokens recognised by their middle', () => {
  it.each([
    [
      'an Azure AD client secret',
      `${chars(3, 1)}8Q~${chars(34, 2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-')}`,
      'azure_client_secret',
    ],
    [
      'a Terraform Cloud token',
      `${chars(14, 3, 'abcdefghijklmnopqrstuvwxyz0123456789')}.atlasv1.${chars(64, 4)}`,
      'terraform_token',
    ],
    ['a Mailchimp key', `${chars(32, 5, HEX)}-us21`, 'mailchimp_key'],
    [
      'a Telegram bot token',
      `${chars(10, 6, '0123456789')}:AA${chars(33, 7, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`,
      'telegram_token',
    ],
  ])('%s', (_name, token, kind) => {
    expectRedacted('client_id=abc secret ', token, ' end', kind);
  });

  it.each([
    'the US locale en-us12 and a Q~ in prose',
    `${chars(32, 8, HEX)}-usage-report`,
    '12:30:AA meeting',
    'index.atlasv1.html',
  ])('keeps %s', (text) => {
    expectKept(text);
  });
});
