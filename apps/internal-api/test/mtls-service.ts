// A service behind mutual TLS on loopback for the TLS tests: it asks every client for a certificate from the test
// CA, answers /v1/whoami with the subject it saw, and serves its own document at /v1/openapi.yaml. Every request
// that gets through the handshake is recorded, so a test can show that a refused connection sent nothing.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import type { Pki } from './pki.ts';

export const MTLS_SPEC = fileURLToPath(new URL('fixtures/mtls-api.yaml', import.meta.url));

export interface MtlsService {
  readonly origin: string;
  readonly baseUrl: string;
  readonly requests: { url: string; subject: string | undefined }[];
  close(): Promise<void>;
}

/** `certificate`: the server's own (`server`, or `wrong-host` for a certificate issued to another name). */
export async function startMtlsService(pki: Pki, certificate = 'server'): Promise<MtlsService> {
  const requests: MtlsService['requests'] = [];
  const server: Server = createServer(
    {
      cert: pki.read(`${certificate}.crt`),
      key: pki.read(`${certificate}.key`),
      ca: [pki.read('ca.crt')],
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      const subject = typeof peer?.subject?.CN === 'string' ? peer.subject.CN : undefined;
      requests.push({ url: req.url ?? '', subject });
      if (req.url === '/v1/openapi.yaml') {
        res.writeHead(200, { 'content-type': 'application/yaml' }).end(readFileSync(MTLS_SPEC));
        return;
      }
      if (req.url === '/v1/whoami') {
        const body = { subject, authorized: (req.socket as TLSSocket).authorized };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"title":"not found"}');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
