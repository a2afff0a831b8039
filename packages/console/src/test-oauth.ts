// For this package's tests: an OAuth authorization server on loopback that signs in one preset person without
// asking (authorization code with PKCE, S256), its tokens signed by the kit's test issuer (a real JWKS, jose).
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestIssuer } from '@gatehouse/kit/testing';
import type { ConsoleOAuthOptions } from './oauth.ts';

export interface TestAuthorizationServer {
  /** Served as `http://localhost:<port>`: another site than the console on 127.0.0.1, as a real provider is. */
  readonly base: string;
  /** The console's settings for it (the console's own URL is the audience). */
  readonly options: Omit<ConsoleOAuthOptions, 'consoleUrl'>;
  /** Who the next sign-in is, and the audience its token carries (default: the console's URL). */
  signInAs(person: { sub: string; roles: string[]; audience?: string }): void;
  close(): Promise<void>;
}

export const TEST_CLIENT_ID = 'gatehouse-console-test';

export async function startTestAuthorizationServer(): Promise<TestAuthorizationServer> {
  const issuer = await startTestIssuer();
  let person: { sub: string; roles: string[]; audience?: string } = { sub: 'olivia', roles: ['approver'] };
  const codes = new Map<string, { challenge: string; redirectUri: string; resource: string }>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== TEST_CLIENT_ID || q.get('code_challenge_method') !== 'S256') {
        res.writeHead(400).end('bad request');
        return;
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        challenge: q.get('code_challenge') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        resource: q.get('resource') ?? '',
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.search = new URLSearchParams({ code, state: q.get('state') ?? '' }).toString();
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', async () => {
        const form = new URLSearchParams(body);
        const code = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const ok =
          code !== undefined &&
          form.get('redirect_uri') === code.redirectUri &&
          createHash('sha256').update(verifier).digest('base64url') === code.challenge;
        if (!ok) {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
          return;
        }
        const token = await issuer.sign({
          sub: person.sub,
          roles: person.roles,
          aud: person.audience ?? code.resource,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 300 }));
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    base,
    options: {
      issuer: issuer.issuer,
      jwksUrl: issuer.jwksUrl,
      authorizationEndpoint: `${base}/authorize`,
      tokenEndpoint: `${base}/token`,
      clientId: TEST_CLIENT_ID,
    },
    signInAs(next) {
      person = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await issuer.close();
    },
  };
}
