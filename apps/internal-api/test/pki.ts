// A throwaway PKI for the TLS tests, made with the openssl command at test time (node:crypto makes keys but not
// certificates): a CA, a server certificate for 127.0.0.1 / localhost, one for another host only, client
// certificates (good, expired, server-only usage, from another CA) and an encrypted copy of the client key.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Pki {
  readonly dir: string;
  /** Path of a file in the PKI folder (`ca.crt`, `client.key`, ...). */
  path(name: string): string;
  read(name: string): string;
  /** The passphrase of `client-encrypted.key`. */
  readonly passphrase: string;
  remove(): void;
}

const CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
`;

export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-pki-'));
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  writeFileSync(path('openssl.cnf'), CONFIG);
  const key = (name: string) =>
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  const authority = (name: string, cn: string) => {
    key(name);
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      `${name}.key`,
      '-subj',
      `/CN=${cn}`,
      '-days',
      '2',
      '-config',
      'openssl.cnf',
      '-extensions',
      'ca',
      '-out',
      `${name}.crt`,
    );
  };
  const issue = (name: string, cn: string, extensions: string, ca = 'ca', days = '2') => {
    key(name);
    openssl(
      'req',
      '-new',
      '-key',
      `${name}.key`,
      '-subj',
      `/CN=${cn}`,
      '-config',
      'openssl.cnf',
      '-out',
      `${name}.csr`,
    );
    writeFileSync(path(`${name}.ext`), extensions);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.crt`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-days',
      days,
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    );
  };
  authority('ca', 'Gatehouse test CA');
  authority('other-ca', 'Some other CA');
  issue(
    'server',
    'billing test service',
    'subjectAltName = IP:127.0.0.1, DNS:localhost\nextendedKeyUsage = serverAuth\n',
  );
  issue(
    'wrong-host',
    'billing.internal',
    'subjectAltName = DNS:billing.internal\nextendedKeyUsage = serverAuth\n',
  );
  issue('client', 'gatehouse-internal-api', 'extendedKeyUsage = clientAuth\n');
  // -days -1: not after yesterday (openssl 3.0 has no -not_after): an expired certificate.
  issue('client-expired', 'gatehouse-expired', 'extendedKeyUsage = clientAuth\n', 'ca', '-1');
  issue('client-server-usage', 'gatehouse-wrong-usage', 'extendedKeyUsage = serverAuth\n');
  issue('client-other-ca', 'gatehouse-other', 'extendedKeyUsage = clientAuth\n', 'other-ca');
  const passphrase = 'test-passphrase-7';
  openssl(
    'pkey',
    '-in',
    'client.key',
    '-aes-256-cbc',
    '-passout',
    `pass:${passphrase}`,
    '-out',
    'client-encrypted.key',
  );
  return {
    dir,
    path,
    read: (name) => readFileSync(path(name), 'utf8'),
    passphrase,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
