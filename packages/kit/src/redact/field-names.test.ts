import { describe, expect, it } from 'vitest';
import { createFieldMatcher, normaliseFieldName } from './field-names.ts';

describe('field names', () => {
  const isSensitive = createFieldMatcher();

  it('normalises case and separators', () => {
    expect(normaliseFieldName('X-Api_Key')).toBe('xapikey');
    expect(normaliseFieldName('spring.datasource.password')).toBe('springdatasourcepassword');
  });

  it.each([
    'password',
    'PASSWORD',
    'passwd',
    'pwd',
    'secret',
    'token',
    'access_token',
    'refresh-token',
    'api_key',
    'apiKey',
    'API-KEY',
    'private_key',
    'client_secret',
    'Authorization',
    'Proxy-Authorization',
    'cookie',
    'Set-Cookie',
    'session',
    'ssn',
    'credit_card',
    'card_number',
    'dbPassword',
    'PGPASSWORD',
    'githubToken',
    'GITHUB_TOKEN',
    'x-auth-token',
    'db_pwd',
    'userSsn',
    'user_session',
    'webhookSecret',
    'SECRET_KEY_BASE',
    'aws_secret_access_key',
    'passphrase',
    'credentials',
    'pw',
    'db_pw',
    'DB_PASSWORT',
    'kennwort',
    'mot_de_passe',
    'senha',
    'contrasena',
    'wachtwoord',
    'haslo',
    'AZURE_DEVOPS_PAT',
    'adoPat',
    'pesel',
    'customer_dni',
    'TCKN',
    'userSin',
    'nhs_number',
    'customerNik',
    'drivers_license_number',
    'password2',
    'ses_smtp_password_v4',
    'api_key_1',
  ])('%s is sensitive', (name) => {
    expect(isSensitive(name)).toBe(true);
  });

  it.each([
    'tokens_used',
    'token_count',
    'ipv4',
    'sha256',
    'max_tokens_2',
    'max_tokens',
    'tokenType',
    'tokenizer',
    'session_id',
    'sessionId',
    'sessionCount',
    'nextPageToken',
    'NextToken',
    'continuationToken',
    'password_policy',
    'passwordResetRequired',
    'secretName',
    'possession',
    'npw',
    'compat',
    'xpath',
    'cousin',
    'basin',
    'brut',
    'genie',
    'obsession',
    'classn',
    'keyboard',
    'primaryKey',
    'public_key',
    'cardholder_name',
    'author',
    'id',
  ])('%s is not', (name) => {
    expect(isSensitive(name)).toBe(false);
  });

  it('takes extra names from the operator, with the same normalisation', () => {
    const withExtras = createFieldMatcher(['license_key', 'pin']);
    expect(withExtras('licenseKey')).toBe(true);
    expect(withExtras('LICENSE-KEY')).toBe(true);
    expect(withExtras('user_pin')).toBe(true);
    expect(withExtras('spin')).toBe(false);
    expect(isSensitive('licenseKey')).toBe(false);
  });
});
