import { ConfigError } from '@gatehouse/kit';
import {
  connectInMemory,
  createMemoryAuditSink,
  errorCodeOf,
  structuredOf,
  textOf,
} from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalApiSettingsSchema } from '../src/config.ts';
import { internalApiServer } from '../src/server.ts';
import { loadServices } from '../src/services.ts';
import { policy, reader } from './demo-harness.ts';
import { MTLS_SPEC, type MtlsService, startMtlsService } from './mtls-service.ts';
import { makePki, type Pki } from './pki.ts';

// Mutual TLS to a service, for real: an https server on loopback that demands a client certificate from a CA made
// for this run, called through the kit's pipeline with the official SDK client. Every failure must name the
// setting to fix, send nothing past the handshake, and never show the key.

let pki: Pki;
let service: MtlsService;
let wrongHost: MtlsService;
beforeAll(async () => {
  pki = makePki();
  service = await startMtlsService(pki);
  wrongHost = await startMtlsService(pki, 'wrong-host');
}, 60_000);
afterAll(async () => {
  await service?.close();
  await wrongHost?.close();
  pki?.remove();
});

const files = (cert: string, key = cert, ca = 'ca') => ({
  cert: { file: pki.path(`${cert}.crt`) },
  key: { file: pki.path(`${key}.key`) },
  ca: { file: pki.path(`${ca}.crt`) },
});

async function connect(tls: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  const settings = InternalApiSettingsSchema.parse({
    services: [
      { name: 'billing', spec: MTLS_SPEC, baseUrl: service.baseUrl, allow: ['whoami'], tls, ...overrides },
    ],
  });
  const loaded = await loadServices(settings, { env: {} });
  const audit = createMemoryAuditSink();
  const connection = await connectInMemory(internalApiServer(loaded), {
    policy,
    identity: reader,
    audit,
    boundaries: loaded.boundaries,
  });
  return {
    ...connection,
    audit,
    close: async () => {
      await connection.close();
      await loaded.close();
    },
  };
}

/** What a failed call shows the caller, and what it leaves in the audit, must hold no key material. */
function expectNoKeyMaterial(...texts: string[]) {
  const keyLines = ['client.key', 'client-encrypted.key']
    .flatMap((f) => pki.read(f).split('\n'))
    .filter((line) => line.length > 20 && !line.startsWith('-----'));
  for (const text of texts) {
    for (const line of keyLines) expect(text).not.toContain(line);
    expect(text).not.toContain(pki.passphrase);
  }
}

describe('mTLS to a service', () => {
  it('presents the client certificate and reads the document over the same connection settings', async () => {
    const { client, close } = await connect(files('client'), { spec: `${service.baseUrl}/openapi.yaml` });
    try {
      const result = await client.callTool({ name: 'whoami', arguments: {} });
      expect(structuredOf(result)).toEqual({ subject: 'gatehouse-internal-api', authorized: true });
      expect(service.requests.map((r) => r.url)).toContain('/v1/openapi.yaml');
      expect(service.requests.at(-1)).toEqual({ url: '/v1/whoami', subject: 'gatehouse-internal-api' });
    } finally {
      await close();
    }
  });

  it('decrypts an encrypted key with its passphrase from the environment', async () => {
    const settings = InternalApiSettingsSchema.parse({
      services: [
        {
          name: 'billing',
          spec: MTLS_SPEC,
          baseUrl: service.baseUrl,
          allow: ['whoami'],
          tls: {
            cert: { env: 'BILLING_CERT' },
            key: { file: pki.path('client-encrypted.key') },
            passphrase: { env: 'BILLING_KEY_PASSPHRASE' },
            ca: { file: pki.path('ca.crt') },
          },
        },
      ],
    });
    const loaded = await loadServices(settings, {
      env: { BILLING_CERT: pki.read('client.crt'), BILLING_KEY_PASSPHRASE: pki.passphrase },
    });
    const connection = await connectInMemory(internalApiServer(loaded), {
      policy,
      identity: reader,
      audit: createMemoryAuditSink(),
      boundaries: loaded.boundaries,
    });
    try {
      const result = await connection.client.callTool({ name: 'whoami', arguments: {} });
      expect(structuredOf(result)).toMatchObject({ subject: 'gatehouse-internal-api' });
    } finally {
      await connection.close();
      await loaded.close();
    }
  });

  // Each refusal: what the settings hold, which service answers, what the caller reads, the setting it names.
  it.each([
    [
      'no client certificate',
      () => ({ ca: { file: pki.path('ca.crt') } }),
      'refused the TLS handshake (alert: certificate required)',
      'tls.cert',
    ],
    [
      'a client certificate from another CA',
      () => files('client-other-ca'),
      'did not accept the client certificate',
      'tls.cert',
    ],
    [
      'a service certificate from another CA',
      () => files('client', 'client', 'other-ca'),
      'does not chain to a trusted CA',
      'tls.ca',
    ],
    [
      'a service certificate issued to another host',
      () => files('client'),
      'is not issued for 127.0.0.1',
      'baseUrl',
    ],
  ])(
    '%s: upstream_tls naming the setting, nothing sent past the handshake',
    async (what, tls, why, setting) => {
      const target = what.includes('another host') ? wrongHost : service;
      const before = target.requests.length;
      const { client, audit, close } = await connect(tls(), { baseUrl: target.baseUrl });
      try {
        const result = await client.callTool({ name: 'whoami', arguments: {} });
        expect(errorCodeOf(result)).toBe('upstream_tls');
        expect(textOf(result)).toContain(why);
        expect(textOf(result)).toContain(`check services[0].${setting}.`);
        expect(target.requests.length).toBe(before);
        expectNoKeyMaterial(textOf(result), JSON.stringify(audit.records));
      } finally {
        await close();
      }
    },
  );
});

describe('TLS settings that cannot work stop start-up naming the setting', () => {
  const load = (service: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) =>
    loadServices(
      InternalApiSettingsSchema.parse({
        services: [
          {
            name: 'billing',
            spec: MTLS_SPEC,
            baseUrl: service.baseUrl ?? 'https://127.0.0.1:1/v1',
            allow: ['whoami'],
            ...service,
          },
        ],
      }),
      { env },
    );

  async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expectNoKeyMaterial((error as ConfigError).message);
    return [...(error as ConfigError).problems];
  }

  it('refuses a plain-HTTP base URL where tls is set, given or from the document', async () => {
    expect(await problemsOf(load({ baseUrl: 'http://127.0.0.1:1/v1', tls: files('client') }))).toEqual([
      'services[0].baseUrl: http://127.0.0.1:1/v1 is plain HTTP, but services[0].tls is set (mTLS); use an https:// URL',
    ]);
    expect(await problemsOf(load({ spec: `http://127.0.0.1:1/openapi.yaml`, tls: files('client') }))).toEqual(
      [
        'services[0].spec: http://127.0.0.1:1/openapi.yaml is plain HTTP, but services[0].tls is set; use an https:// URL or a file',
      ],
    );
  });

  it('names a missing key, an expired certificate, one not for clients, a key of another certificate', async () => {
    const { key: _key, ...certOnly } = files('client');
    expect(await problemsOf(load({ tls: certOnly }))).toEqual([
      'services[0].tls.key: missing; services[0].tls.cert is set, and a client certificate needs its private key',
    ]);
    const [expired] = await problemsOf(load({ tls: files('client-expired') }));
    expect(expired).toMatch(
      /^services\[0\]\.tls\.cert: the certificate \(subject CN=gatehouse-expired\) expired on \d{4}-\d\d-\d\dT.*; renew it$/,
    );
    expect(await problemsOf(load({ tls: files('client-server-usage') }))).toEqual([
      'services[0].tls.cert: the certificate (subject CN=gatehouse-wrong-usage) is not for client authentication (its extended key usage lacks clientAuth)',
    ]);
    expect(await problemsOf(load({ tls: files('client', 'client-other-ca') }))).toEqual([
      'services[0].tls.key: is not the private key of the certificate in services[0].tls.cert (subject CN=gatehouse-internal-api); they must be a pair',
    ]);
  });

  it('names bad PEM, an unreadable file, an encrypted key without (or with the wrong) passphrase', async () => {
    expect(
      await problemsOf(
        load({ tls: { ...files('client'), cert: { env: 'CERT' } } }, { CERT: 'not a certificate' }),
      ),
    ).toEqual(['services[0].tls.cert: not a PEM certificate (expected a -----BEGIN CERTIFICATE----- block)']);
    expect(
      await problemsOf(
        load(
          { tls: { ...files('client'), ca: { env: 'CA' } } },
          { CA: '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----' },
        ),
      ),
    ).toEqual(['services[0].tls.ca: certificate 1 of the CA bundle is not a valid X.509 certificate']);
    expect(
      await problemsOf(load({ tls: { ...files('client'), key: { file: pki.path('client.crt') } } })),
    ).toEqual([
      'services[0].tls.key: not a PEM private key (expected a -----BEGIN ... PRIVATE KEY----- block)',
    ]);
    expect(
      await problemsOf(load({ tls: { ...files('client'), cert: { file: pki.path('nothing.crt') } } })),
    ).toEqual([`services[0].tls.cert.file: cannot read ${pki.path('nothing.crt')} (ENOENT)`]);
    const encrypted = { ...files('client'), key: { file: pki.path('client-encrypted.key') } };
    expect(await problemsOf(load({ tls: encrypted }))).toEqual([
      'services[0].tls.key: the key is encrypted; set services[0].tls.passphrase',
    ]);
    expect(
      await problemsOf(load({ tls: { ...encrypted, passphrase: { env: 'PASS' } } }, { PASS: 'wrong' })),
    ).toEqual(['services[0].tls.passphrase: does not decrypt the key in services[0].tls.key']);
  });
});
