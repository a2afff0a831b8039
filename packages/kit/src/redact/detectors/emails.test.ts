import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from '../test-expect.ts';

describe('email', () => {
  it.each([
    'alice.smith@example.com',
    'bob+billing@mail.contoso.org',
    'j_doe99@globex.co.uk',
    'deployer@acme-prod.iam.gserviceaccount.com',
  ])('%s', (email) => {
    expectRedacted('contact ', email, ', thanks', 'email');
    expectRedacted('{"email":"', email, '"}', 'email');
  });

  it('redacts an address after mailto:', () => {
    expectRedacted('mailto:', 'alice@example.com', '', 'email');
  });

  it.each([
    'icon@2x.png',
    'git@github.com:acme/api.git',
    'npm install @types/node@24.1.0',
    'docker pull nginx@sha256:4bf92f3577b34da6',
    'decorated with @app.route("/")',
    'ping me @alice on Slack',
  ])('keeps %s', (text) => {
    expectKept(text);
  });
});
