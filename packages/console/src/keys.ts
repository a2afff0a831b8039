import { ConfigError, type Identity } from '@gatehouse/kit';
import { type ApiKeyEntry, createApiKeyAuthenticator, KitSettingsSchema } from '@gatehouse/kit/operator';

/**
 * GATEHOUSE_API_KEYS as the servers read it (the kit's own schema), so a key that works on a server works here,
 * bound to the same actor and roles.
 */
export function parseApiKeys(text: string | undefined): ApiKeyEntry[] {
  if (text === undefined || text.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError([
      'GATEHOUSE_API_KEYS: expected a JSON array of entries from `gatehouse keys create`',
    ]);
  }
  const parsed = KitSettingsSchema.shape.apiKeys.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `GATEHOUSE_API_KEYS[${issue.path.join('.')}]: ${issue.message}`),
    );
  }
  return parsed.data;
}

/** Who a pasted key belongs to, checked by hash exactly as the servers check a bearer key; undefined if none. */
export function keyChecker(entries: readonly ApiKeyEntry[]): (key: string) => Identity | undefined {
  const authenticate = createApiKeyAuthenticator(entries);
  return (key) => authenticate(`Bearer ${key.trim()}`);
}

/** The role or scope that lets a person decide approvals in the console (never their own). */
export const APPROVER_ROLE = 'approver';
export const APPROVER_SCOPE = 'approvals:decide';

export const isApprover = (identity: Identity): boolean =>
  identity.roles.includes(APPROVER_ROLE) || identity.scopes.includes(APPROVER_SCOPE);
