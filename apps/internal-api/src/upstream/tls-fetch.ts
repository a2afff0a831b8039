// The fetch a service's requests go through. Without TLS settings it is the platform's; with them, undici's own
// fetch and an Agent whose connections present the client certificate and verify the service against the
// configured CA bundle (the platform's fetch takes no per-request TLS options, and undici's Agent pairs only with
// its own fetch). A TLS failure is named for the operator: which check failed and which setting to look at.
import { isIP } from 'node:net';
import { connect } from 'node:tls';
import type { TlsOptions } from './tls.ts';

export type Fetch = (url: URL | string, init: RequestInit) => Promise<Response>;

export interface ServiceFetch {
  readonly fetch: Fetch;
  /** The TLS failure behind a failed fetch, if that is what it was. */
  explain(error: unknown, url: URL): Promise<TlsFailure | undefined>;
  /** Closes the service's pooled connections (at shutdown). */
  close(): Promise<void>;
}

export async function serviceFetch(tls: TlsOptions | undefined): Promise<ServiceFetch> {
  if (!tls) {
    return {
      fetch: (url, init) => fetch(url, init),
      explain: async (error, url) => tlsFailure(error, url.hostname),
      close: async () => {},
    };
  }
  // Loaded only when a service has TLS settings: undici is large, and most start-ups never need it.
  const undici = await import('undici');
  const dispatcher = new undici.Agent({ connect: { ...tls, rejectUnauthorized: true } });
  return {
    fetch: (url, init) =>
      undici.fetch(url, {
        ...(init as Parameters<typeof undici.fetch>[1]),
        dispatcher,
      }) as unknown as Promise<Response>,
    explain: async (error, url) =>
      tlsFailure(error, url.hostname) ??
      (url.protocol === 'https:' && closedSocket(error) ? await probe(url, tls) : undefined),
    close: () => dispatcher.close(),
  };
}

const closedSocket = (error: unknown) =>
  ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'].includes(
    ((error as Error)?.cause as NodeJS.ErrnoException | undefined)?.code ?? '',
  );

/** How long a probe waits after its handshake for the service to say no; a service that accepted waits longer. */
const PROBE_WAIT_MS = 500;

/**
 * Under TLS 1.3 the service checks the client certificate only after the client's side of the handshake is done,
 * so a refusal reaches fetch as a closed socket. One more handshake, sending nothing, tells them apart: the service
 * answers a certificate it refuses with an alert (or by closing at once), and one it accepts by waiting for a
 * request.
 */
function probe(url: URL, tls: TlsOptions): Promise<TlsFailure | undefined> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port: Number(url.port || 443),
      ...(isIP(host) ? {} : { servername: host }),
      ...tls,
      rejectUnauthorized: true,
    });
    let timer: NodeJS.Timeout | undefined = setTimeout(() => done(undefined), PROBE_WAIT_MS * 4);
    const done = (result: TlsFailure | undefined) => {
      clearTimeout(timer);
      timer = undefined;
      socket.destroy();
      resolve(result);
    };
    socket.once('error', (error) => done(tlsFailure(error, host)));
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      timer = setTimeout(() => done(undefined), PROBE_WAIT_MS);
      socket.resume();
      socket.once('close', () => {
        if (timer) done(REFUSED);
      });
    });
  });
}

const REFUSED: TlsFailure = {
  code: 'closed_after_handshake',
  setting: 'tls.cert',
  reason:
    'it closed the connection as soon as the TLS handshake ended (it did not accept the client certificate)',
};

/** What went wrong in a TLS handshake, and the setting (under the service's) an operator checks. */
export interface TlsFailure {
  readonly code: string;
  readonly reason: string;
  readonly setting: 'baseUrl' | 'tls.ca' | 'tls.cert';
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
]);

/** The TLS failure behind a fetch error (undici wraps it in `cause`), or undefined for any other failure. */
export function tlsFailure(error: unknown, host: string): TlsFailure | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as Error).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') continue;
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      return { code, setting: 'baseUrl', reason: `its certificate is not issued for ${host}` };
    }
    if (code === 'CERT_HAS_EXPIRED')
      return { code, setting: 'tls.ca', reason: 'its certificate has expired' };
    if (code === 'CERT_NOT_YET_VALID') {
      return { code, setting: 'tls.ca', reason: 'its certificate is not valid yet' };
    }
    if (UNTRUSTED.has(code)) {
      return { code, setting: 'tls.ca', reason: 'its certificate does not chain to a trusted CA' };
    }
    if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
      return { code, setting: 'baseUrl', reason: 'it does not speak TLS at this address' };
    }
    // The service ended the handshake with an alert: almost always our certificate (missing, unknown, expired).
    if (/^ERR_SSL_.*ALERT/.test(code)) {
      const alert = code
        .replace(/^ERR_SSL_(SSLV3|TLSV1|TLSV13)_ALERT_/, '')
        .toLowerCase()
        .replace(/_/g, ' ');
      return { code, setting: 'tls.cert', reason: `it refused the TLS handshake (alert: ${alert})` };
    }
  }
  return undefined;
}
