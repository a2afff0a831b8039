import { ConfigError } from '@gatehouse/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePki, type Pki } from '../../test/pki.ts';
import { tlsFor } from './tls.ts';

// The start-up checks of a service's TLS settings on their own (test/mtls.test.ts has them through loadServices
// and a real handshake): what is accepted, and the problems only a date or a combination of settings shows.
let pki: Pki;
beforeAll(() => {
  pki = makePki();
}, 60_000);
afterAll(() => pki?.remove());

const file = (name: string) => ({ file: pki.path(name) });

function problems(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('tlsFor', () => {
  it('is nothing without settings, and the PEM texts the connection uses with them', () => {
    expect(tlsFor(undefined, 'services[0].tls')).toBeUndefined();
    const chain = `${pki.read('client.crt')}\n${pki.read('ca.crt')}`;
    const tls = tlsFor(
      { cert: { env: 'CHAIN' }, key: file('client.key'), ca: file('ca.crt') },
      'services[0].tls',
      { CHAIN: chain },
    );
    expect(tls?.cert).toBe(chain.trim());
    expect(tls?.key).toContain('PRIVATE KEY');
    expect(tls?.ca).toHaveLength(1);
    expect(tlsFor({ ca: file('ca.crt') }, 'services[1].tls')).toEqual({ ca: [pki.read('ca.crt').trim()] });
  });

  it('lists every problem at once, each naming its setting', () => {
    expect(
      problems(() => tlsFor({ key: file('client.key'), passphrase: { env: 'P' } }, 'services[2].tls', {})),
    ).toEqual([
      'services[2].tls.passphrase.env: environment variable P is not set',
      'services[2].tls.cert: missing; services[2].tls.key is set, but there is no certificate to present with it',
    ]);
    expect(problems(() => tlsFor({ passphrase: { env: 'P' } }, 'services[2].tls', { P: 'x' }))).toEqual([
      'services[2].tls.passphrase: set, but services[2].tls.key is not',
    ]);
  });

  it('refuses a certificate not valid yet, and a CA bundle with no certificate valid now', () => {
    const past = new Date('2001-01-01T00:00:00Z');
    const [early] = problems(() =>
      tlsFor({ cert: file('client.crt'), key: file('client.key') }, 'services[0].tls', {}, past),
    );
    expect(early).toMatch(
      /^services\[0\]\.tls\.cert: the certificate \(subject CN=gatehouse-internal-api\) is not valid before /,
    );
    const future = new Date(Date.now() + 10 * 86_400_000);
    const [stale] = problems(() => tlsFor({ ca: file('ca.crt') }, 'services[0].tls', {}, future));
    expect(stale).toMatch(
      /^services\[0\]\.tls\.ca: no certificate of the CA bundle is valid now \(the first, subject CN=Gatehouse test CA, expired on /,
    );
    // One stale certificate beside a valid one is fine: bundles carry them.
    const mixed = `${pki.read('client-expired.crt')}\n${pki.read('ca.crt')}`;
    expect(tlsFor({ ca: { env: 'CA' } }, 'services[0].tls', { CA: mixed })?.ca).toHaveLength(2);
  });
});
