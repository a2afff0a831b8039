import { describe, expect, it } from 'vitest';
import { bearerChallenge } from './challenge.ts';
import { protectedResource } from './protected-resource.ts';

describe('WWW-Authenticate challenges', () => {
  it('names the resource metadata and, when a token failed, why', () => {
    expect(
      bearerChallenge({
        resourceMetadata: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
      }),
    ).toBe('Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"');
    expect(bearerChallenge({ error: 'invalid_token', description: 'the token expired' })).toBe(
      'Bearer realm="gatehouse", error="invalid_token", error_description="the token expired"',
    );
    expect(bearerChallenge({ error: 'insufficient_scope', scope: 'notes:read notes:write' })).toContain(
      'scope="notes:read notes:write"',
    );
  });

  it('cannot be broken by token-supplied text', () => {
    const header = bearerChallenge({
      error: 'invalid_token',
      description: `audience "x", error="none" \\ \r\nSet-Cookie: a=b ${'z'.repeat(1000)}`,
    });
    expect(header).not.toMatch(/[\r\n]/);
    const description = /error_description="([^"]*)"/.exec(header)?.[1] ?? '';
    expect(description).not.toMatch(/["\\]/);
    expect(description.length).toBeLessThanOrEqual(300);
    expect(header.match(/"/g)?.length).toBe(6); // realm, error, error_description: nothing injected
  });
});

describe('protected resource metadata (RFC 9728)', () => {
  it('describes the resource and where its metadata lives, root and path-suffixed', () => {
    const pr = protectedResource({
      resource: 'https://mcp.example.com/github/mcp',
      authorizationServers: ['https://auth.example.com'],
      scopesSupported: ['repo:read'],
      resourceName: 'GitHub',
    });
    expect(pr.metadata).toEqual({
      resource: 'https://mcp.example.com/github/mcp',
      authorization_servers: ['https://auth.example.com'],
      scopes_supported: ['repo:read'],
      bearer_methods_supported: ['header'],
      resource_name: 'GitHub',
    });
    expect(pr.metadataUrl).toBe('https://mcp.example.com/.well-known/oauth-protected-resource/github/mcp');
    expect(pr.paths).toEqual([
      '/.well-known/oauth-protected-resource',
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-protected-resource/github/mcp',
    ]);
  });

  it('puts the metadata at the root for a resource without a path', () => {
    const pr = protectedResource({
      resource: 'https://mcp.example.com',
      authorizationServers: [],
      scopesSupported: [],
      resourceName: 'x',
    });
    expect(pr.metadataUrl).toBe('https://mcp.example.com/.well-known/oauth-protected-resource');
  });
});
