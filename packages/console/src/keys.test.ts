import { ConfigError } from '@gatehouse/kit';
import { hashApiKey } from '@gatehouse/kit/operator';
import { describe, expect, it } from 'vitest';
import { isApprover, keyChecker, parseApiKeys } from './keys.ts';

describe('console keys', () => {
  it('reads GATEHOUSE_API_KEYS as the servers do and signs a key in as its actor', () => {
    const entries = parseApiKeys(
      JSON.stringify([{ hash: hashApiKey('gh_key_of_bob_12345'), actor: 'bob', roles: ['approver'] }]),
    );
    const check = keyChecker(entries);
    expect(check(' gh_key_of_bob_12345 ')).toMatchObject({ actor: 'bob', roles: ['approver'], scopes: [] });
    expect(check('gh_key_of_nobody_123')).toBeUndefined();
    expect(check('')).toBeUndefined();
  });

  it('names the entry and field that is wrong', () => {
    expect(() => parseApiKeys('not json')).toThrow(ConfigError);
    expect(() => parseApiKeys('[{"hash":"abc","actor":"bob"}]')).toThrow(
      /GATEHOUSE_API_KEYS\[0\.hash\]: expected sha256/,
    );
    expect(parseApiKeys(undefined)).toEqual([]);
  });

  it('takes the approver role or the approvals:decide scope, nothing else', () => {
    const id = (roles: string[], scopes: string[]) => ({
      actor: 'x',
      roles,
      scopes,
      via: 'api-key' as const,
    });
    expect(isApprover(id(['approver'], []))).toBe(true);
    expect(isApprover(id([], ['approvals:decide']))).toBe(true);
    expect(isApprover(id(['writer', 'admin'], ['notes:write']))).toBe(false);
  });
});
