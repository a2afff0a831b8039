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

  it.each([
    'jürgen.müller@beispiel.de',
    'kenji@例え.jp',
    'olga@почта.рф',
    'anna [at] example [dot] com',
    'anna(at)example.com',
    'anna&#64;example.com',
  ])('an internationalised or obfuscated address: %s', (email) => {
    expectRedacted('contact ', email, ', thanks', 'email');
  });

  it('keeps prose that says "at"', () => {
    expectKept('we meet at noon and look at example.com for details');
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
