import { timingSafeEqual } from 'node:crypto';
import { hashApiKey } from './api-keys.ts';

const HASHED = /^sha256:[0-9a-f]{64}$/i;

/**
 * Who may read `/metrics`, from `GATEHOUSE_METRICS_KEY`: `sha256:<64 hex>` (the hash of the key, as `gatehouse keys
 * create` prints it) or the key itself. Only the hash is kept either way; a scraper sends
 * `Authorization: Bearer <key>`. Without a key, `/metrics` is open to whoever passes the Host check.
 */
export function metricsKeyCheck(
  setting: string | undefined,
): ((authorization: string | undefined) => boolean) | undefined {
  if (setting === undefined) return undefined;
  const expected = Buffer.from((HASHED.test(setting) ? setting : hashApiKey(setting)).toLowerCase());
  return (authorization) => {
    const match = /^Bearer +(\S{1,512}) *$/i.exec(authorization ?? '');
    if (!match) return false;
    // Hashes have one length, so the comparison is constant-time over the whole value.
    return timingSafeEqual(Buffer.from(hashApiKey(match[1] as string)), expected);
  };
}
