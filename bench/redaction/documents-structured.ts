import type { DocBuilder, DocumentGenerator } from './corpus.ts';
import * as f from './fakes.ts';
import { type Line, PATHS, SERVICES, sentence, timestamp } from './filler.ts';

/** Logs, JSON API payloads and env files: where credentials and personal data sit in machine-written text. */

// --- logs ----------------------------------------------------------------------------------------------------

const benignLogLines: readonly Line[] = [
  (r, b) =>
    b
      .t(
        ` INFO  [http] ${r.pick(['GET', 'POST', 'PUT'])} ${r.pick(PATHS)} ${r.pick([200, 201, 204, 404, 500])} ${r.int(1, 900)}ms req_id=`,
      )
      .n('uuid', f.fakeUuid(r))
      .t(' client=')
      .n('ipv4', f.fakeIpv4(r)),
  (r, b) =>
    b
      .t(` INFO  [deploy] ${r.pick(SERVICES)}@`)
      .n('semver', f.fakeSemver(r))
      .t(' commit ')
      .n('git_sha', f.fakeGitSha(r))
      .t(' on ')
      .n('version', f.fakeVersionString(r)),
  (r, b) =>
    b.t(` INFO  [cache] hit key=user:${r.int(1, 99999)} ttl=300 digest=sha256:`).n('sha256', f.fakeSha256(r)),
  (r, b) =>
    b
      .t(` DEBUG [storage] put object etag="`)
      .n('md5', f.fakeMd5(r))
      .t(`" size=${r.int(100, 9_999_999)}`),
  (r, b) =>
    b
      .t(` INFO  [llm] completion done tokens_used=`)
      .n('token_count', String(r.int(100, 99999)))
      .t(' max_tokens=')
      .n('token_count', String(r.pick([1024, 4096, 8192])))
      .t(' session_id=')
      .n('uuid', f.fakeUuid(r)),
  (r, b) =>
    b
      .t(` WARN  [auth] user ${r.int(1000, 99999)} requested a `)
      .n('password_word', 'password')
      .t(' reset'),
  (r, b) =>
    b
      .t(` INFO  [billing] invoice `)
      .n('order_number', f.fakeOrderNumber(r))
      .t(` paid, ref `)
      .n('luhn_fail', f.fakeLuhnFailingNumber(r)),
  (r, b) =>
    b.t(` DEBUG [net] peer `).n('ipv6', f.fakeIpv6(r)).t(` connected; fetching `).n('url', f.fakeUrl(r)),
  (r, b) =>
    b
      .t(` INFO  [git] rebased onto `)
      .n('short_sha', f.fakeShortSha(r))
      .t(` (${r.int(1, 40)} commits)`),
  (r, b) => b.t(` ERROR [worker] job ${r.int(1, 99999)} failed: ${sentence(r)}`),
  (r, b) =>
    b
      .t(` DEBUG [sched] next run at `)
      .n('timestamp', f.fakeTimestamp(r))
      .t(` pid=${r.int(100, 65000)}`),
];

const plantedLogLines: readonly Line[] = [
  (r, b) =>
    b
      .t(' DEBUG [db] connecting to postgres://app_user:')
      .p('url_password', f.fakePassword(r).replace(/[#%^*+=~]/g, '_'))
      .t(`@db-${r.int(1, 3)}.internal:5432/${r.pick(SERVICES)}`),
  (r, b) =>
    b.t(' WARN  [auth] login failed for ').p('email', f.fakeEmail(r)).t(' from ').n('ipv4', f.fakeIpv4(r)),
  (r, b) =>
    b
      .t(' DEBUG [http] outgoing headers {"Authorization": "Bearer ')
      .p('authorization_header', f.fakeOpaqueToken(r))
      .t('", "Accept": "application/json"}'),
  (r, b) =>
    b
      .t(' ERROR [billing] charge declined card=')
      .p('card_number', f.fakeCardNumber(r))
      .t(` amount=${r.int(1, 999)}.00`),
  (r, b) => b.t(' DEBUG [config] loaded GITHUB_TOKEN=').p('github_token', f.fakeGithubToken(r)),
  (r, b) => b.t(' INFO  [notify] posting to ').p('slack_token', f.fakeSlackWebhook(r)),
  (r, b) =>
    b
      .t(' DEBUG [auth] verified id_token ')
      .p('jwt', f.fakeJwt(r))
      .t(` sub=user_${r.int(1, 99999)}`),
  (r, b) => b.t(' INFO  [kyc] document verified: ').p('national_id', f.fakeNationalId(r)),
  (r, b) => b.t(' INFO  [payouts] transfer queued to ').p('iban', f.fakeIban(r)),
  (r, b) => b.t(' INFO  [sms] verification code sent to ').p('phone', f.fakePhone(r)),
  (r, b) => b.t(' DEBUG [aws] signing with access key ').p('aws_access_key', f.fakeAwsAccessKey(r)),
  (r, b) => b.t(' DEBUG [aws] env aws_secret_access_key=').p('aws_secret_key', f.fakeAwsSecretKey(r)),
  (r, b) => b.t(' ERROR [stripe] request failed with key ').p('stripe_key', f.fakeStripeKey(r)),
  (r, b) => b.t(' DEBUG [slack] client token ').p('slack_token', f.fakeSlackToken(r)),
  (r, b) => b.t(' DEBUG [llm] anthropic client key=').p('anthropic_key', f.fakeAnthropicKey(r)),
  (r, b) => b.t(' WARN  [llm] openai rejected key ').p('openai_key', f.fakeOpenAiKey(r)),
  (r, b) => b.t(' DEBUG [mail] sendgrid api_key=').p('sendgrid_key', f.fakeSendgridKey(r)),
  (r, b) =>
    b
      .t(' DEBUG [worker] redis url redis://:')
      .p('url_password', f.fakeOpaqueToken(r))
      .t(`@cache.internal:6379/0`),
  (r, b) =>
    b
      .t(' DEBUG [auth] client_secret=')
      .p('secret_assignment', f.fakePassword(r))
      .t(' grant=client_credentials'),
];

export const logs: DocumentGenerator = (r, b) => {
  const lines = r.int(40, 200);
  for (let i = 0; i < lines; i++) {
    timestamp(r, b);
    r.pick(r.chance(0.12) ? plantedLogLines : benignLogLines)(r, b);
    b.t('\n');
  }
};

// --- JSON documents -------------------------------------------------------------------------------------------

/** Writes `"key": "value"` with the value planted (p), a negative (n) or plain (t). */
function jsonString(
  b: DocBuilder,
  indent: string,
  key: string,
  value: string,
  mark?: ['p' | 'n', string],
  last = false,
): void {
  b.t(`${indent}"${key}": "`);
  if (mark === undefined) b.t(value);
  else if (mark[0] === 'p') b.p(mark[1], value);
  else b.n(mark[1], value);
  b.t(last ? '"\n' : '",\n');
}

const jsonDocuments: readonly Line[] = [
  (r, b) => {
    const { first, last } = f.fakeName(r);
    b.t('{\n');
    jsonString(b, '  ', 'id', f.fakeUuid(r), ['n', 'uuid']);
    jsonString(b, '  ', 'name', `${first} ${last}`);
    jsonString(b, '  ', 'contact', f.fakeEmail(r), ['p', 'email']);
    jsonString(b, '  ', 'mobile', f.fakePhone(r), ['p', 'phone']);
    jsonString(b, '  ', 'created_at', f.fakeTimestamp(r), ['n', 'timestamp']);
    b.t('  "billing": {\n');
    jsonString(b, '    ', 'pan', f.fakeCardNumber(r), ['p', 'card_number']);
    jsonString(b, '    ', 'payout_account', f.fakeIban(r), ['p', 'iban']);
    jsonString(b, '    ', 'last_order', f.fakeOrderNumber(r), ['n', 'order_number']);
    b.t(`    "balance": ${r.int(0, 99999)}\n  },\n`);
    jsonString(b, '  ', 'tax_id', f.fakeNationalId(r), ['p', 'national_id']);
    b.t(`  "active": true\n}\n`);
  },
  (r, b) => {
    b.t('{\n  "number": ')
      .t(String(r.int(1, 9999)))
      .t(',\n');
    jsonString(b, '  ', 'merge_commit_sha', f.fakeGitSha(r), ['n', 'git_sha']);
    jsonString(b, '  ', 'html_url', f.fakeUrl(r), ['n', 'url']);
    b.t('  "body": "')
      .t(sentence(r))
      .t(' CI used ')
      .p('github_token', f.fakeGithubToken(r))
      .t(' by mistake, rotating.",\n');
    jsonString(b, '  ', 'head', f.fakeShortSha(r), ['n', 'short_sha']);
    jsonString(b, '  ', 'updated_at', f.fakeTimestamp(r), ['n', 'timestamp']);
    b.t('  "draft": false\n}\n');
  },
  (r, b) => {
    b.t('{\n  "database": {\n');
    b.t('    "url": "postgresql://svc_orders:')
      .p('url_password', f.fakeOpaqueToken(r))
      .t('@10.0.4.12:5432/orders",\n');
    b.t(`    "pool": ${r.int(5, 50)}\n  },\n  "stripe": {\n`);
    jsonString(b, '    ', 'secret_key', f.fakeStripeKey(r), ['p', 'stripe_key']);
    jsonString(b, '    ', 'api_version', '2024-06-20', undefined, true);
    b.t('  },\n  "openai": {\n');
    jsonString(b, '    ', 'api_key', f.fakeOpenAiKey(r), ['p', 'openai_key']);
    jsonString(b, '    ', 'model', 'gpt-4o-mini', undefined, true);
    b.t('  },\n  "google": {\n');
    jsonString(b, '    ', 'maps_key', f.fakeGcpApiKey(r), ['p', 'gcp_api_key'], true);
    b.t('  },\n');
    jsonString(b, '  ', 'webhook_signing_secret', f.fakePassword(r), ['p', 'secret_assignment']);
    jsonString(b, '  ', 'release', f.fakeSemver(r), ['n', 'semver']);
    b.t('  "debug": false\n}\n');
  },
  (r, b) => {
    const key = f.fakePrivateKey(r).replace(/\n/g, '\\n');
    b.t('{\n  "type": "service_account",\n  "project_id": "acme-prod-')
      .t(String(r.int(100, 999)))
      .t('",\n');
    jsonString(b, '  ', 'private_key_id', f.fakeMd5(r) + f.fakeShortSha(r).slice(0, 8));
    b.t('  "private_key": "').p('private_key', `${key}\\n`).t('",\n');
    b.t('  "client_email": "').p('email', 'deployer@acme-prod.iam.gserviceaccount.com').t('",\n');
    b.t('  "token_uri": "https://oauth2.googleapis.com/token"\n}\n');
  },
  (r, b) => {
    b.t('{\n  "method": "POST",\n  "url": "https://api.acme.test/v1/charges",\n  "headers": {\n');
    b.t('    "authorization": "Basic ')
      .p('authorization_header', Buffer.from(`svc:${f.fakePassword(r)}`).toString('base64'))
      .t('",\n');
    jsonString(b, '    ', 'x-request-id', f.fakeUuid(r), ['n', 'uuid']);
    jsonString(b, '    ', 'user-agent', `acme-sdk/${f.fakeSemver(r).replace(/^[v^]/, '')}`);
    b.t('    "cookie": "')
      .p('authorization_header', `sid=${f.fakeOpaqueToken(r)}; theme=dark`)
      .t('"\n  },\n');
    b.t('  "body": "{\\"amount\\": ')
      .t(String(r.int(100, 99999)))
      .t(', \\"currency\\": \\"eur\\"}"\n}\n');
  },
  (r, b) => {
    b.t('{\n  "packages": {\n    "node_modules/')
      .t(r.pick(['zod', 'pino', 'yaml', 'undici']))
      .t('": {\n');
    jsonString(b, '      ', 'version', f.fakeSemver(r).replace(/^[v^]/, ''), ['n', 'semver']);
    jsonString(b, '      ', 'resolved', f.fakeUrl(r), ['n', 'url']);
    jsonString(b, '      ', 'integrity', f.fakeIntegrity(r), ['n', 'integrity']);
    jsonString(b, '      ', 'thumbnail', f.fakeBase64Blob(r), ['n', 'base64_blob']);
    b.t('      "dev": true\n    }\n  }\n}\n');
  },
  (r, b) => {
    b.t('{\n  "model": "claude-sonnet",\n  "usage": {\n    "tokens_used": ')
      .n('token_count', String(r.int(100, 99999)))
      .t(',\n    "max_tokens": ')
      .n('token_count', String(r.pick([1024, 4096])))
      .t('\n  },\n');
    jsonString(b, '  ', 'session_id', f.fakeUuid(r), ['n', 'uuid']);
    jsonString(b, '  ', 'request_hash', f.fakeSha256(r), ['n', 'sha256']);
    jsonString(b, '  ', 'client_ip', f.fakeIpv4(r), ['n', 'ipv4']);
    jsonString(b, '  ', 'reference', f.fakeLuhnFailingNumber(r), ['n', 'luhn_fail']);
    b.t('  "stop_reason": "end_turn"\n}\n');
  },
  (r, b) => {
    b.t('{\n  "Credentials": {\n');
    jsonString(b, '    ', 'AccessKeyId', f.fakeAwsAccessKey(r), ['p', 'aws_access_key']);
    jsonString(b, '    ', 'SecretAccessKey', f.fakeAwsSecretKey(r), ['p', 'aws_secret_key']);
    jsonString(b, '    ', 'SessionToken', f.fakeBase64Blob(r) + f.fakeBase64Blob(r), [
      'p',
      'secret_assignment',
    ]);
    jsonString(b, '    ', 'Expiration', f.fakeTimestamp(r), ['n', 'timestamp'], true);
    b.t('  },\n  "AssumedRoleUser": {\n');
    jsonString(
      b,
      '    ',
      'Arn',
      `arn:aws:sts::${r.chars(f.DIGITS, 12)}:assumed-role/deployer/ci`,
      undefined,
      true,
    );
    b.t('  }\n}\n');
  },
];

export const json: DocumentGenerator = (r, b) => {
  const count = r.int(1, 4);
  b.t('[\n');
  for (let i = 0; i < count; i++) {
    r.pick(jsonDocuments)(r, b);
    if (i < count - 1) b.t(',\n');
  }
  b.t(']\n');
};

// --- env files ----------------------------------------------------------------------------------------------

export const env: DocumentGenerator = (r, b) => {
  b.t(
    `# ${r.pick(SERVICES)} service configuration\nNODE_ENV=production\nPORT=${r.int(3000, 9000)}\nLOG_LEVEL=info\n`,
  );
  b.t('APP_VERSION=').n('semver', f.fakeSemver(r)).t('\nBUILD_SHA=').n('git_sha', f.fakeGitSha(r)).t('\n');
  const entries: readonly Line[] = [
    (r, b) =>
      b
        .t('DATABASE_URL=postgres://orders:')
        .p('url_password', f.fakeOpaqueToken(r))
        .t('@db.internal:5432/orders'),
    (r, b) => b.t('DB_PASSWORD=').p('secret_assignment', f.fakePassword(r)),
    (r, b) => b.t('SECRET_KEY_BASE=').p('secret_assignment', f.fakeOpaqueToken(r)),
    (r, b) => b.t('STRIPE_SECRET_KEY=').p('stripe_key', f.fakeStripeKey(r)),
    (r, b) => b.t('AWS_ACCESS_KEY_ID=').p('aws_access_key', f.fakeAwsAccessKey(r)),
    (r, b) => b.t('AWS_SECRET_ACCESS_KEY=').p('aws_secret_key', f.fakeAwsSecretKey(r)),
    (r, b) => b.t('SENDGRID_API_KEY=').p('sendgrid_key', f.fakeSendgridKey(r)),
    (r, b) => b.t('TWILIO_API_KEY_SID=').p('twilio_key', f.fakeTwilioKey(r)),
    (r, b) => b.t('ANTHROPIC_API_KEY=').p('anthropic_key', f.fakeAnthropicKey(r)),
    (r, b) => b.t('OPENAI_API_KEY=').p('openai_key', f.fakeOpenAiKey(r)),
    (r, b) => b.t('NPM_TOKEN=').p('npm_token', f.fakeNpmToken(r)),
    (r, b) => b.t('GITLAB_TOKEN=').p('gitlab_token', f.fakeGitlabToken(r)),
    (r, b) => b.t('SLACK_BOT_TOKEN=').p('slack_token', f.fakeSlackToken(r)),
    (r, b) => b.t('GOOGLE_MAPS_API_KEY=').p('gcp_api_key', f.fakeGcpApiKey(r)),
    (r, b) =>
      b
        .t('AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=')
        .p('azure_storage_key', f.fakeAzureKey(r))
        .t(';EndpointSuffix=core.windows.net"'),
    (r, b) => b.t('SUPPORT_EMAIL=').p('email', f.fakeEmail(r)),
    (r, b) => b.t('JWT_SECRET=').p('secret_assignment', f.fakeOpaqueToken(r)),
    (r, b) => {
      const [name, value] = f.fakePlaceholderAssignment(r);
      b.t(`${name}=`).n('placeholder', value);
    },
    (r, b) => b.t('REDIS_HOST=').n('ipv4', f.fakeIpv4(r)),
    (r, b) => b.t('REQUEST_TIMEOUT_MS=').t(String(r.int(1000, 60000))),
    (r, b) => b.t('FEATURE_FLAGS_URL=').n('url', f.fakeUrl(r)),
    (r, b) => b.t('PASSWORD_MIN_LENGTH=').t(String(r.int(8, 16))),
    (r, b) => b.t('MAX_TOKENS=').n('token_count', String(r.pick([1024, 4096]))),
  ];
  const count = r.int(12, 30);
  for (let i = 0; i < count; i++) {
    r.pick(entries)(r, b);
    b.t('\n');
  }
};
