import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotebook, notesServer } from '../../example/notes-server.ts';
import { KitSettingsSchema } from '../config/settings.ts';
import { buildInventory } from '../contracts/inventory.ts';
import { ConfigError } from '../errors.ts';
import { startTestIssuer, type TestIssuer } from '../testing/oauth-issuer.ts';
import { discoverIssuer, discoverJwksUrl } from './discovery.ts';
import { oauthFromSettings } from './resource-server.ts';

const inventory = buildInventory(notesServer(createNotebook()));
const RESOURCE = 'https://mcp.example.com/mcp';
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer.close();
});

const settings = (values: Record<string, unknown>) => KitSettingsSchema.parse(values);

async function problemsOf(values: Record<string, unknown>): Promise<readonly string[]> {
  try {
    await oauthFromSettings(settings(values), inventory);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('OAuth settings', () => {
  it('are off without an issuer', async () => {
    expect(await oauthFromSettings(settings({}), inventory)).toBeUndefined();
  });

  it('discover the JWKS from the issuer and describe the resource', async () => {
    const oauth = await oauthFromSettings(
      settings({ oauthIssuer: issuer.issuer, oauthResource: RESOURCE }),
      inventory,
    );
    expect(oauth?.resource.metadata).toMatchObject({
      resource: RESOURCE,
      authorization_servers: [issuer.issuer],
      scopes_supported: ['notes:read', 'notes:write'],
      resource_name: 'Notes (example)',
    });
    const token = await issuer.sign({ sub: 'alice', aud: RESOURCE });
    expect(await oauth?.verifier.verify(token)).toMatchObject({ actor: 'alice', via: 'oauth' });
  });

  it('require typ at+jwt unless GATEHOUSE_OAUTH_REQUIRE_TYP is false', async () => {
    const strict = await oauthFromSettings(
      settings({ oauthIssuer: issuer.issuer, oauthResource: RESOURCE }),
      inventory,
    );
    const lenient = await oauthFromSettings(
      settings({ oauthIssuer: issuer.issuer, oauthResource: RESOURCE, oauthRequireTyp: false }),
      inventory,
    );
    const untyped = await issuer.sign({ sub: 'alice', aud: RESOURCE }, { typ: 'JWT' });
    expect(await strict?.verifier.verify(untyped)).toMatchObject({ refusal: { code: 'token_type' } });
    expect(await lenient?.verifier.verify(untyped)).toMatchObject({ actor: 'alice' });
  });

  it('report each problem naming its variable', async () => {
    expect(await problemsOf({ oauthIssuer: issuer.issuer })).toEqual([
      expect.stringMatching(/^GATEHOUSE_OAUTH_RESOURCE: required when GATEHOUSE_OAUTH_ISSUER is set/),
    ]);
    expect(await problemsOf({ oauthResource: RESOURCE })).toEqual([
      expect.stringMatching(/^GATEHOUSE_OAUTH_ISSUER: required when GATEHOUSE_OAUTH_RESOURCE/),
    ]);
    expect(
      await problemsOf({
        oauthIssuer: 'http://auth.example.com',
        oauthResource: 'mcp',
        oauthJwksUrl: 'ftp://x/jwks',
      }),
    ).toEqual([
      expect.stringMatching(/^GATEHOUSE_OAUTH_ISSUER: expected an https URL/),
      expect.stringMatching(/^GATEHOUSE_OAUTH_RESOURCE: expected an absolute URL/),
      expect.stringMatching(/^GATEHOUSE_OAUTH_JWKS_URL: expected an https URL/),
    ]);
  });

  it('fail to start when the JWKS cannot be discovered, pointing at the fix', async () => {
    const problems = await problemsOf({ oauthIssuer: `${issuer.issuer}/nowhere`, oauthResource: RESOURCE });
    expect(problems).toEqual([
      expect.stringMatching(/^GATEHOUSE_OAUTH_ISSUER: cannot discover.*GATEHOUSE_OAUTH_JWKS_URL/),
    ]);
  });

  it('refuse none, HS256 and an out-of-range clock skew in the schema', () => {
    expect(KitSettingsSchema.safeParse({ oauthAlgorithms: ['none'] }).success).toBe(false);
    expect(KitSettingsSchema.safeParse({ oauthAlgorithms: ['RS256', 'HS256'] }).success).toBe(false);
    expect(KitSettingsSchema.safeParse({ oauthClockSkewSeconds: 301 }).success).toBe(false);
    expect(KitSettingsSchema.parse({}).oauthAlgorithms).toEqual(['RS256', 'ES256', 'EdDSA']);
  });
});

describe('JWKS discovery', () => {
  it('refuses a discovery document that names another issuer', async () => {
    await expect(discoverJwksUrl('http://127.0.0.1:1', 300)).rejects.toThrow(/127\.0\.0\.1:1/);
    // The test issuer's document names itself; asking as a different issuer string must not accept it.
    await expect(discoverJwksUrl(`${issuer.issuer}/`)).rejects.toThrow(/names issuer/);
    expect(await discoverJwksUrl(issuer.issuer)).toBe(issuer.jwksUrl);
  });

  it('reads the endpoints a client signs in through (the console)', async () => {
    expect(await discoverIssuer(issuer.issuer)).toEqual({
      jwksUri: issuer.jwksUrl,
      authorizationEndpoint: `${issuer.issuer}/authorize`,
      tokenEndpoint: `${issuer.issuer}/token`,
    });
  });
});
