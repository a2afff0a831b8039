import { describe, expect, it } from 'vitest';
import { expectKept, expectRedacted, redact } from '../test-expect.ts';
import { chars, fake } from '../test-fixtures.ts';

describe('vendor credentials', () => {
  it.each([
    ['aws_access_key', fake.awsAccessKey()],
    ['aws_access_key', fake.awsSessionKey()],
    ['gcp_api_key', fake.gcpApiKey()],
    ['github_token', fake.githubClassic(1, 'ghp')],
    ['github_token', fake.githubClassic(2, 'gho')],
    ['github_token', fake.githubClassic(3, 'ghs')],
    ['github_token', fake.githubFineGrained()],
    ['gitlab_token', fake.gitlab()],
    ['slack_token', fake.slackBot()],
    ['stripe_key', fake.stripe(1, 'sk_live')],
    ['stripe_key', fake.stripe(2, 'rk_live')],
    ['stripe_key', fake.stripe(3, 'sk_test')],
    ['npm_token', fake.npm()],
    ['openai_key', fake.openAiProject()],
    ['anthropic_key', fake.anthropic()],
    ['sendgrid_key', fake.sendgrid()],
    ['twilio_key', fake.twilio()],
    ['jwt', fake.jwt()],
  ])('%s in a log line', (kind, secret) => {
    expectRedacted('2024-03-15T10:22:33Z DEBUG using ', secret, ' for the request', kind);
  });

  it('finds tokens in env, JSON and code contexts', () => {
    const token = fake.githubClassic(9);
    expectRedacted('GITHUB_TOKEN=', token, '\n', 'github_token');
    expectRedacted('{"token": "', token, '"}', 'github_token');
    expectRedacted("const t = '", token, "';", 'github_token');
  });

  it('redacts the AWS secret access key in assignment context', () => {
    const secret = fake.awsSecretKey();
    expectRedacted('aws_secret_access_key = ', secret, '\n', 'aws_secret_key');
    expectRedacted('AWS_SECRET_ACCESS_KEY=', secret, '', 'aws_secret_key');
    expectRedacted('{"SecretAccessKey": "', secret, '"}', 'aws_secret_key');
  });

  it('redacts only the key of an Azure connection string', () => {
    expectRedacted(
      'DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=',
      fake.azureKey(),
      ';EndpointSuffix=core.windows.net',
      'azure_storage_key',
    );
  });

  it('keeps the host of a Slack webhook URL visible', () => {
    expectRedacted(
      'posting to https://hooks.slack.com/services/',
      fake.slackWebhookPath(),
      ' now',
      'slack_webhook',
    );
  });

  it('redacts a Bearer token outside an Authorization header, keeping the scheme', () => {
    expectRedacted(
      'curl -H "X: y" --oauth2-bearer x; echo Bearer ',
      fake.opaque(4),
      ' done',
      'authorization_header',
    );
  });
});

describe('credential placeholders and look-alikes are kept', () => {
  it.each([
    ['the AWS documentation access key', `AKIA${'IOSFODNN7'}EXAMPLE`],
    ['the AWS documentation secret', `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY${'EXAMPLE'}KEY`],
    ['a masked GitHub token', `ghp_${'x'.repeat(36)}`],
    ['a masked Stripe key', `sk_live_${'x'.repeat(24)}`],
    ['a Stripe key placeholder', 'sk_live_YOUR_KEY_HERE_xxxxxxxx'],
    ['a hyphenated word after sk-', 'the sk-learn-compatible-estimator-interface'],
    ['a word ending in sk-', 'task-runner-for-the-nightly-batch-jobs-v2'],
    ['a Slack doc token', 'xoxb-your-token-goes-here-please'],
    ['a certificate (public)', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'],
    ['a public key', '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----'],
    ['a Bearer placeholder', 'Bearer <token>'],
    ['a Bearer variable', 'Bearer $GITHUB_TOKEN'],
    ['prose about bearer tokens', 'pass a bearer token in the authorization header'],
  ])('%s', (_name, text) => {
    expectKept(text);
  });

  it('does not take random base64 or hex for a credential', () => {
    const text = `blob ${chars(120, 5, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}== sha ${chars(64, 6, '0123456789abcdef')}`;
    expect(redact(text).text).toBe(text);
  });
});
