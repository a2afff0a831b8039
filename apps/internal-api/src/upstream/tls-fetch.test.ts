import { describe, expect, it } from 'vitest';
import { tlsFailure } from './tls-fetch.ts';

// How a failed fetch is read: undici wraps the socket's error in `cause`; the code names what failed and the
// setting the operator looks at. Anything that is not a TLS failure is left to the caller.
const failed = (code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('handshake'), { code }) });

describe('tlsFailure', () => {
  it.each([
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'baseUrl', 'its certificate is not issued for billing.internal'],
    ['CERT_HAS_EXPIRED', 'tls.ca', 'its certificate has expired'],
    ['CERT_NOT_YET_VALID', 'tls.ca', 'its certificate is not valid yet'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls.ca', 'its certificate does not chain to a trusted CA'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls.ca', 'its certificate does not chain to a trusted CA'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'baseUrl', 'it does not speak TLS at this address'],
    [
      'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
      'tls.cert',
      'it refused the TLS handshake (alert: certificate required)',
    ],
    [
      'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
      'tls.cert',
      'it refused the TLS handshake (alert: bad certificate)',
    ],
  ])('%s: %s', (code, setting, reason) => {
    expect(tlsFailure(failed(code), 'billing.internal')).toEqual({ code, setting, reason });
  });

  it('leaves other failures alone', () => {
    expect(tlsFailure(failed('ECONNREFUSED'), 'x')).toBeUndefined();
    expect(tlsFailure(new Error('boom'), 'x')).toBeUndefined();
    expect(tlsFailure(undefined, 'x')).toBeUndefined();
  });
});
