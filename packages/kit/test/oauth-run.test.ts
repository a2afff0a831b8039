import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToExit, startServerProcess, startTestIssuer, type TestIssuer } from '../src/testing/index.ts';

// runServer's wiring of the GATEHOUSE_OAUTH_* settings: the example server as a real process, a real issuer.

const main = fileURLToPath(new URL('../example/main.ts', import.meta.url));
const RESOURCE = 'https://notes.example.com/mcp';
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer.close();
});

describe('runServer with an OAuth issuer', () => {
  it('discovers the JWKS, accepts tokens with the configured claims, serves the metadata, prints no dev key', async () => {
    const server = await startServerProcess(main, {
      GATEHOUSE_OAUTH_ISSUER: issuer.issuer,
      GATEHOUSE_OAUTH_RESOURCE: RESOURCE,
      GATEHOUSE_OAUTH_ACTOR_CLAIM: 'email',
      GATEHOUSE_OAUTH_ROLES_CLAIM: 'realm_access.roles',
    });
    try {
      expect(server.stderr()).not.toContain('gh_dev_');
      const origin = new URL(server.url).origin;
      const metadata = await (await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`)).json();
      expect(metadata).toMatchObject({ resource: RESOURCE, authorization_servers: [issuer.issuer] });

      const anonymous = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
      });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe(
        'Bearer resource_metadata="https://notes.example.com/.well-known/oauth-protected-resource/mcp"',
      );

      const token = await issuer.sign({
        sub: 'f81d4fae',
        email: 'dana@example.com',
        aud: RESOURCE,
        realm_access: { roles: ['reader'] },
        scope: 'notes:read',
      });
      const client = new Client({ name: 'oauth-run-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(server.url), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      const result = await client.callTool({ name: 'list_notes', arguments: {} });
      expect((result.structuredContent as { notes: unknown[] }).notes).toHaveLength(3);
      await client.close();
      // The audit log (stderr by default) names the actor from the configured claim.
      await expect.poll(() => server.stderr()).toMatch(/"actor":"dana@example.com","via":"oauth"/);
    } finally {
      await server.stop();
    }
  });

  it('refuses to start on bad OAuth settings, naming them', async () => {
    const noResource = await runToExit(main, { GATEHOUSE_OAUTH_ISSUER: issuer.issuer });
    expect(noResource.code).toBe(78);
    expect(noResource.stderr).toContain(
      'GATEHOUSE_OAUTH_RESOURCE: required when GATEHOUSE_OAUTH_ISSUER is set',
    );
    const hmac = await runToExit(main, {
      GATEHOUSE_OAUTH_ISSUER: issuer.issuer,
      GATEHOUSE_OAUTH_RESOURCE: RESOURCE,
      GATEHOUSE_OAUTH_ALGORITHMS: 'RS256,HS256',
    });
    expect(hmac.code).toBe(78);
    expect(hmac.stderr).toMatch(/GATEHOUSE_OAUTH_ALGORITHMS.*HS\* are never accepted/);
  });
});
