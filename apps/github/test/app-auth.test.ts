import { createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { errorCodeOf } from './fixtures.ts';
import { useFakeGitHub } from './harness.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const INSTALLATION_TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a'; // the description's example token

const gh = useFakeGitHub();

function verifyAppJwt(authorization: string | undefined, appId: number) {
  const jwt = authorization?.replace(/^bearer /i, '') ?? '';
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  expect(verifier.verify(publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
  expect(JSON.parse(Buffer.from(payload, 'base64url').toString()).iss).toBe(appId);
}

describe('GitHub App credentials', () => {
  it('mints an installation token with a signed app JWT, uses it, and renews it before the hour is up', async () => {
    const connection = await gh.connect({
      settings: { token: undefined, appId: 4242, privateKey: PEM, installationId: 77 },
    });
    try {
      const call = async () => {
        const result = await connection.client.callTool({
          name: 'list_releases',
          arguments: { repo: 'acme/api' },
        });
        expect(result.isError, JSON.stringify(result)).toBeFalsy();
      };
      await call();
      await call();
      // Installation tokens live an hour; @octokit/auth-app keeps one for 59 minutes, then mints the next.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 59.5 * 60_000);
      await call();
      vi.useRealTimers();
      const mints = gh.fake.requests.filter((r) => r.operationId === 'apps/create-installation-access-token');
      expect(mints.map((r) => r.path)).toEqual([
        '/app/installations/77/access_tokens',
        '/app/installations/77/access_tokens',
      ]);
      verifyAppJwt(mints[0]?.headers.authorization as string, 4242);
      const reads = gh.fake.requests.filter((r) => r.operationId === 'repos/list-releases');
      expect(reads.map((r) => r.headers.authorization)).toEqual(Array(3).fill(`token ${INSTALLATION_TOKEN}`));
      expect(gh.fake.requests.map((r) => r.operationId)).toEqual([
        'apps/create-installation-access-token',
        'repos/list-releases',
        'repos/list-releases',
        'apps/create-installation-access-token',
        'repos/list-releases',
      ]);
      const everything = JSON.stringify([connection.audit.records, gh.fake.requests.length]);
      expect(everything).not.toContain(INSTALLATION_TOKEN);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps one token per installation across calls', async () => {
    const connection = await gh.connect({
      settings: { token: undefined, appId: 4242, privateKey: PEM, installationId: 78 },
    });
    for (let i = 0; i < 3; i++) {
      await connection.client.callTool({ name: 'list_releases', arguments: { repo: 'acme/api' } });
    }
    expect(
      gh.fake.requests.filter((r) => r.operationId === 'apps/create-installation-access-token'),
    ).toHaveLength(1);
    expect(gh.fake.requests.filter((r) => r.operationId === 'repos/list-releases')).toHaveLength(3);
  });

  it('reports a rejected app key as bad credentials', async () => {
    gh.fake.on('apps/create-installation-access-token', {
      status: 401,
      patch: (body) => ({ ...(body as object), message: 'A JSON web token could not be decoded' }),
    });
    const connection = await gh.connect({
      settings: { token: undefined, appId: 4242, privateKey: PEM, installationId: 79 },
    });
    const result = await connection.client.callTool({
      name: 'list_releases',
      arguments: { repo: 'acme/api' },
    });
    expect(errorCodeOf(result)).toBe('github_bad_credentials');
    expect(JSON.stringify(result)).not.toContain('PRIVATE KEY');
  });
});
