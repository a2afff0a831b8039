import type { DocumentGenerator } from './corpus.ts';
import { env, json, logs } from './documents-structured.ts';
import * as f from './fakes.ts';
import { type Line, sentence } from './filler.ts';

/**
 * The six document types of the corpus, and the code, stack-trace and prose generators (logs, JSON and env files
 * are in documents-structured.ts). Each mixes plain filler, planted positives (`b.p`) and hard negatives (`b.n`)
 * in the places they really turn up: credentials in env files, connection strings in logs, personal data in
 * tickets and API payloads, hashes and versions everywhere.
 */

// --- code -----------------------------------------------------------------------------------------------------

const codeBlocks: readonly Line[] = [
  (r, b) =>
    b
      .t(
        "import { Client } from 'pg';\n\nconst client = new Client({\n  host: 'db.internal',\n  user: 'reporting',\n  password: '",
      )
      .p('secret_assignment', f.fakePassword(r))
      .t("',\n  port: 5432,\n});\n"),
  (_r, b) =>
    b
      .t(
        `export async function fetchRepo(name: string) {\n  const res = await fetch(\`https://api.github.com/repos/\${name}\`, {\n`,
      )
      .t('    headers: { Authorization: `Bearer ')
      .n('placeholder', `\${process.env.GITHUB_TOKEN}`)
      .t('` },\n  });\n  return res.json();\n}\n'),
  (r, b) => b.t('// TODO remove before merge: ').p('github_token', f.fakeGithubToken(r)).t('\n'),
  (r, b) => b.t('stripe.api_key = "').p('stripe_key', f.fakeStripeKey(r)).t('"\n'),
  (r, b) =>
    b
      .t(
        "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n        'PASSWORD': '",
      )
      .p('secret_assignment', f.fakePassword(r))
      .t("',\n        'HOST': '")
      .n('ipv4', f.fakeIpv4(r))
      .t("',\n    }\n}\n"),
  (r, b) => b.t('const token = jwt.sign(payload, key); // e.g. ').p('jwt', f.fakeJwt(r)).t('\n'),
  (r, b) =>
    b.t('client = Client("').p('twilio_key', f.fakeTwilioKey(r)).t('", os.environ["TWILIO_SECRET"])\n'),
  (r, b) => b.t('const PRIVATE_KEY = `').p('private_key', f.fakePrivateKey(r)).t('`;\n'),
  (r, b) =>
    b
      .t("mongoose.connect('mongodb+srv://admin:")
      .p('url_password', f.fakeOpaqueToken(r))
      .t("@cluster0.acme.mongodb.net/app');\n"),
  (_r, b) =>
    b
      .t('const password = ')
      .n('placeholder', 'process.env.DB_PASSWORD')
      .t(';\nif (!password) throw new Error("set DB_PASSWORD");\n'),
  (r, b) =>
    b
      .t('const BUILD = { version: "')
      .n('semver', f.fakeSemver(r))
      .t('", commit: "')
      .n('git_sha', f.fakeGitSha(r))
      .t('", checksum: "')
      .n('sha256', f.fakeSha256(r))
      .t('" };\n'),
  (r, b) =>
    b.t('const ORDER_ID_RE = /^ORD-\\d{4}-\\d{6}$/; // ').n('order_number', f.fakeOrderNumber(r)).t('\n'),
  (r, b) =>
    b.t(
      `function retry<T>(fn: () => Promise<T>, attempts = ${r.int(2, 5)}): Promise<T> {\n  // ${sentence(r)}\n  return fn();\n}\n`,
    ),
  (r, b) => b.t('const ICON = "data:image/png;base64,').n('base64_blob', f.fakeBase64Blob(r)).t('";\n'),
  (r, b) => b.t('assert user.id == UUID("').n('uuid', f.fakeUuid(r)).t('")\n'),
];

const code: DocumentGenerator = (r, b) => {
  const blocks = r.int(6, 18);
  for (let i = 0; i < blocks; i++) {
    r.pick(codeBlocks)(r, b);
    b.t('\n');
  }
};

// --- stack traces -----------------------------------------------------------------------------------------------

const stackTrace: DocumentGenerator = (r, b) => {
  const traces = r.int(1, 3);
  for (let t = 0; t < traces; t++) {
    switch (r.int(0, 2)) {
      case 0:
        b.t('Error: connect ECONNREFUSED ').n('ipv4', f.fakeIpv4(r)).t(':5432\n');
        for (let i = 0; i < r.int(6, 14); i++) {
          b.t(
            `    at ${r.pick(['Client.connect', 'Pool.acquire', 'processTicksAndRejections', 'Router.handle'])} `,
          );
          b.t(
            `(/app/node_modules/${r.pick(['pg', 'express', 'undici'])}/lib/index.js:${r.int(1, 900)}:${r.int(1, 80)})\n`,
          );
        }
        if (r.chance(0.4))
          b.t('  cause: password authentication failed for postgres://app:')
            .p('url_password', f.fakeOpaqueToken(r))
            .t('@db:5432/app\n');
        b.t('Node.js ').n('semver', f.fakeSemver(r)).t('\n\n');
        break;
      case 1:
        b.t('com.acme.billing.PaymentException: card ')
          .p('card_number', f.fakeCardNumber(r))
          .t(' declined for ')
          .p('email', f.fakeEmail(r))
          .t('\n');
        for (let i = 0; i < r.int(8, 20); i++) {
          b.t(
            `\tat com.acme.billing.${r.pick(['PaymentService', 'Gateway', 'Retry'])}.${r.pick(['charge', 'call', 'run'])}`,
          );
          b.t(`(${r.pick(['PaymentService', 'Gateway', 'Retry'])}.java:${r.int(10, 900)})\n`);
        }
        b.t('\t... ')
          .t(String(r.int(3, 40)))
          .t(' more\nbuild ')
          .n('short_sha', f.fakeShortSha(r))
          .t('\n\n');
        break;
      default:
        b.t('Traceback (most recent call last):\n');
        for (let i = 0; i < r.int(3, 8); i++) {
          b.t(
            `  File "/srv/app/${r.pick(['handlers', 'clients', 'auth'])}.py", line ${r.int(1, 700)}, in ${r.pick(['handle', 'verify', 'get'])}\n`,
          );
          b.t(
            `    ${r.pick(['return self._session.get(url)', 'claims = decode(token)', 'raise AuthError(msg)'])}\n`,
          );
        }
        b.t('jwt.exceptions.ExpiredSignatureError: token expired: ').p('jwt', f.fakeJwt(r)).t('\n');
        b.t('request id ').n('uuid', f.fakeUuid(r)).t(' at ').n('timestamp', f.fakeTimestamp(r)).t('\n\n');
    }
  }
};

// --- prose ------------------------------------------------------------------------------------------------------

const proseParagraphs: readonly Line[] = [
  (r, b) => {
    const { first, last } = f.fakeName(r);
    b.t(`Customer ${first} ${last} wrote in (`)
      .p('email', f.fakeEmail(r))
      .t(') and asked us to call back on ')
      .p('phone', f.fakePhone(r));
    b.t('. She cannot log in and wants to reset her ')
      .n('password_word', 'password')
      .t('. ')
      .t(sentence(r))
      .t('\n\n');
  },
  (r, b) =>
    b
      .t('Refund request: the card on file is ')
      .p('card_number', f.fakeCardNumber(r))
      .t(', please refund order ')
      .n('order_number', f.fakeOrderNumber(r))
      .t(' to the account ')
      .p('iban', f.fakeIban(r))
      .t(' instead.\n\n'),
  (r, b) =>
    b
      .t('Regression since ')
      .n('semver', f.fakeSemver(r))
      .t(', bisected to commit ')
      .n('short_sha', f.fakeShortSha(r))
      .t('. Happens on ')
      .n('version', f.fakeVersionString(r))
      .t(' at ')
      .n('timestamp', f.fakeTimestamp(r))
      .t(`. ${sentence(r)}\n\n`),
  (r, b) =>
    b
      .t('For the background check we received the applicant id ')
      .p('national_id', f.fakeNationalId(r))
      .t('; the reference number ')
      .n('luhn_fail', f.fakeLuhnFailingNumber(r))
      .t(' is ours.\n\n'),
  (r, b) => {
    const [kind, key] = r.pick([
      ['gitlab_token', f.fakeGitlabToken(r)],
      ['npm_token', f.fakeNpmToken(r)],
    ] as const);
    b.t('I pasted my key by accident: ')
      .p(kind, key)
      .t(' - please rotate it. The password policy says keys expire after 90 days.\n\n');
  },
  (r, b) =>
    b
      .t('The artifact checksum is ')
      .n('sha256', f.fakeSha256(r))
      .t(' (md5 ')
      .n('md5', f.fakeMd5(r))
      .t('), served from ')
      .n('url', f.fakeUrl(r))
      .t(` via ${r.pick(['the CDN', 'S3'])} node `)
      .n('ipv6', f.fakeIpv6(r))
      .t('.\n\n'),
  (r, b) => b.t(`${sentence(r)} ${sentence(r)} ${sentence(r)}\n\n`),
];

const prose: DocumentGenerator = (r, b) => {
  const paragraphs = r.int(2, 8);
  for (let i = 0; i < paragraphs; i++) r.pick(proseParagraphs)(r, b);
};

export const documentGenerators: readonly { type: string; ext: string; generate: DocumentGenerator }[] = [
  { type: 'log', ext: '.log', generate: logs },
  { type: 'log', ext: '.log', generate: logs },
  { type: 'json', ext: '.json', generate: json },
  { type: 'json', ext: '.json', generate: json },
  { type: 'json', ext: '.json', generate: json },
  { type: 'env', ext: '.env', generate: env },
  { type: 'code', ext: '.ts', generate: code },
  { type: 'code', ext: '.ts', generate: code },
  { type: 'stacktrace', ext: '.txt', generate: stackTrace },
  { type: 'prose', ext: '.md', generate: prose },
  { type: 'prose', ext: '.md', generate: prose },
];
