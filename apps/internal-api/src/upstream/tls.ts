// TLS towards one service: a client certificate and its key (mTLS), and the CA bundle the service's certificate
// must chain to. All of it is read once at start from the files or environment variables the settings name, and
// checked then, so a certificate that cannot work (not PEM, a key that is not its own, expired, not for client
// authentication) stops start-up naming the setting instead of failing every call. Neither the PEM text nor the
// passphrase ever appears in a message: only setting names, file or variable names and certificate subjects.
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { ConfigError } from '@gatehouse/kit';
import type { TlsSettings } from '../config.ts';
import { readSecret } from './auth.ts';

/** What the TLS connection to the service uses (the shape node:tls and undici's `connect` take). */
export interface TlsOptions {
  readonly cert?: string;
  readonly key?: string;
  readonly passphrase?: string;
  /** Replaces the system's roots for this service only. */
  readonly ca?: string[];
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EXTENDED_USAGE = '2.5.29.37.0';

/** The service's TLS options, or a ConfigError listing every problem, each naming its setting. */
export function tlsFor(
  tls: TlsSettings | undefined,
  setting: string,
  env: NodeJS.ProcessEnv = process.env,
  now: Date = new Date(),
): TlsOptions | undefined {
  if (!tls) return undefined;
  const problems: string[] = [];
  const read = (name: 'cert' | 'key' | 'passphrase' | 'ca') => {
    const ref = tls[name];
    if (!ref) return undefined;
    try {
      return readSecret(ref, `${setting}.${name}`, env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const certText = read('cert');
  const keyText = read('key');
  const passphrase = read('passphrase');
  const caText = read('ca');
  if (tls.cert && !tls.key) {
    problems.push(
      `${setting}.key: missing; ${setting}.cert is set, and a client certificate needs its private key`,
    );
  }
  if (tls.key && !tls.cert) {
    problems.push(
      `${setting}.cert: missing; ${setting}.key is set, but there is no certificate to present with it`,
    );
  }
  if (tls.passphrase && !tls.key) problems.push(`${setting}.passphrase: set, but ${setting}.key is not`);

  const ca = caText === undefined ? undefined : caBundle(caText, `${setting}.ca`, now, problems);
  const cert =
    certText === undefined ? undefined : clientCertificate(certText, `${setting}.cert`, now, problems);
  const key =
    keyText === undefined ? undefined : privateKey(keyText, passphrase, `${setting}.key`, setting, problems);
  if (cert && key && !cert.checkPrivateKey(key)) {
    problems.push(
      `${setting}.key: is not the private key of the certificate in ${setting}.cert (${subjectOf(cert)}); they must be a pair`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...(certText !== undefined ? { cert: certText } : {}),
    ...(keyText !== undefined ? { key: keyText } : {}),
    ...(passphrase !== undefined ? { passphrase } : {}),
    ...(ca ? { ca } : {}),
  };
}

function parse(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

const subjectOf = (cert: X509Certificate) => `subject ${cert.subject.replace(/\n/g, ', ')}`;

/** Every certificate of a PEM text (a file may hold a chain or a bundle), or undefined with the problem noted. */
function certificates(
  text: string,
  setting: string,
  what: 'the file' | 'the CA bundle',
  problems: string[],
): { pems: string[]; certs: X509Certificate[] } | undefined {
  const pems = text.match(CERTIFICATE) ?? [];
  if (pems.length === 0) {
    problems.push(
      what === 'the file'
        ? `${setting}: not a PEM certificate (expected a -----BEGIN CERTIFICATE----- block)`
        : `${setting}: no PEM certificate in the CA bundle (expected -----BEGIN CERTIFICATE----- blocks)`,
    );
    return undefined;
  }
  const certs = pems.map(parse);
  const bad = certs.indexOf(undefined);
  if (bad >= 0) {
    problems.push(`${setting}: certificate ${bad + 1} of ${what} is not a valid X.509 certificate`);
    return undefined;
  }
  return { pems, certs: certs as X509Certificate[] };
}

/** The first certificate is the client's own; any after it are the chain it presents. */
function clientCertificate(
  text: string,
  setting: string,
  now: Date,
  problems: string[],
): X509Certificate | undefined {
  const cert = certificates(text, setting, 'the file', problems)?.certs[0];
  if (!cert) return undefined;
  const validity = validityProblem(cert, now);
  if (validity) problems.push(`${setting}: the certificate (${subjectOf(cert)}) ${validity}`);
  const usages = cert.keyUsage;
  if (usages && !usages.includes(CLIENT_AUTH) && !usages.includes(ANY_EXTENDED_USAGE)) {
    problems.push(
      `${setting}: the certificate (${subjectOf(cert)}) is not for client authentication (its extended key usage lacks clientAuth)`,
    );
  }
  return cert;
}

function caBundle(text: string, setting: string, now: Date, problems: string[]): string[] | undefined {
  const bundle = certificates(text, setting, 'the CA bundle', problems);
  if (!bundle) return undefined;
  // A bundle may carry a stale certificate beside good ones; one where none is valid cannot verify anything.
  if (bundle.certs.every((c) => validityProblem(c, now) !== undefined)) {
    const first = bundle.certs[0] as X509Certificate;
    problems.push(
      `${setting}: no certificate of the CA bundle is valid now (the first, ${subjectOf(first)}, ${validityProblem(first, now)})`,
    );
    return undefined;
  }
  return bundle.pems;
}

function validityProblem(cert: X509Certificate, now: Date): string | undefined {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (now > to) return `expired on ${to.toISOString()}; renew it`;
  if (now < from) return `is not valid before ${from.toISOString()}`;
  return undefined;
}

function privateKey(
  text: string,
  passphrase: string | undefined,
  setting: string,
  base: string,
  problems: string[],
): KeyObject | undefined {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    problems.push(`${setting}: not a PEM private key (expected a -----BEGIN ... PRIVATE KEY----- block)`);
    return undefined;
  }
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text);
  if (encrypted && passphrase === undefined) {
    problems.push(`${setting}: the key is encrypted; set ${base}.passphrase`);
    return undefined;
  }
  try {
    return createPrivateKey({
      key: text,
      format: 'pem',
      ...(passphrase !== undefined ? { passphrase } : {}),
    });
  } catch {
    // OpenSSL's own text says nothing more useful, and nothing of the key may reach a message.
    problems.push(
      encrypted
        ? `${base}.passphrase: does not decrypt the key in ${setting}`
        : `${setting}: the PEM private key cannot be read`,
    );
    return undefined;
  }
}
