/**
 * HELD-OUT PART — redact-engine (and anyone improving the detectors) must not read the files in this folder.
 *
 * Operations files: Dockerfile, compose, Terraform, dotfiles, CI logs, unit files, registry auth, Helm values.
 */
import { type DocBuilder, negative, personal, secret } from '../builder.ts';
import { base64 } from '../encodings.ts';
import { sshPublicKey } from '../negatives.ts';
import { HEX, type Rng } from '../rng.ts';
import { doublePercent, hex } from './encodings.ts';
import {
  base64DataHeldOut,
  buildNumber,
  imageDigest,
  macAddress,
  objectId,
  placeholderHeldOut,
  proseHeldOut,
  pseudoVersion,
  ulid,
} from './negatives.ts';
import { heldOutEmail, personName } from './personal.ts';
import {
  awsKeyId,
  awsSecret,
  awsSessionToken,
  azureDevopsPat,
  heldOutToken,
  humanPassword,
  sasSignature,
  type Token,
} from './secrets.ts';

const tok = (x: Token, form = 'plain', text = x.value) => secret(x.family, x.kind, text, form);
const pw = (r: Rng, kind: string, form = 'plain', text?: string) => {
  const v = text ?? humanPassword(r);
  return secret('password', kind, v, form);
};
/** A password without characters that would need quoting in the surrounding syntax. */
const safePassword = (r: Rng): string => humanPassword(r).replace(/[^A-Za-z0-9._-]/g, '') || 'Falcon2019x';

export function dockerfile(r: Rng, b: DocBuilder): void {
  b.add`# syntax=docker/dockerfile:1\nFROM node:22-alpine@${imageDigest(r)}\nLABEL org.opencontainers.image.revision="${negative('git-sha', r.chars(HEX, 40))}"\n`;
  for (let n = r.int(2, 5); n > 0; n--) {
    const x = heldOutToken(r);
    b.add`${r.pick(['ENV', 'ARG'])} ${x.name}${r.pick(['=', ' '])}${tok(x)}\n`;
  }
  b.add`ENV DB_PASS=${placeholderHeldOut(r)}\n`;
  const x = heldOutToken(r);
  b.add`RUN curl -fsSL -H "PRIVATE-TOKEN: ${tok(x)}" https://git.example.com/api/v4/projects \\\n    && npm ci --omit=dev\n`;
  const y = heldOutToken(r);
  const at = Math.floor(y.value.length / 2);
  b.add`RUN echo "//registry.example.com/:_authToken=${tok(y, 'shell-continuation', `${y.value.slice(0, at)}\\\n${y.value.slice(at)}`)}" > .npmrc\n`;
  b.add`CMD ["node", "server.js"]\n`;
}

export function composeFile(r: Rng, b: DocBuilder): void {
  b.add`services:\n  db:\n    image: postgres:16@${imageDigest(r)}\n    environment:\n`;
  b.add`      - POSTGRES_PASSWORD=${pw(r, 'compose-env', 'plain', safePassword(r))}\n      - POSTGRES_USER=app\n`;
  b.add`  app:\n    build: .\n    environment:\n`;
  for (let n = r.int(2, 5); n > 0; n--) {
    const x = heldOutToken(r);
    b.add`      ${x.name}: ${r.chance(0.5) ? ['"', tok(x), '"'] : tok(x)}\n`;
  }
  b.add`      AZURE_DEVOPS_PAT: ${secret('azure', 'azure-devops-pat', azureDevopsPat(r))}\n`;
  b.add`      SMTP_PASSWORD: ${placeholderHeldOut(r)}\n    labels:\n      com.example.build: "${buildNumber(r)}"\n`;
}

export function terraform(r: Rng, b: DocBuilder): void {
  b.add`# terraform.tfvars\nregion = "eu-central-1"\n`;
  b.add`db_password = "${pw(r, 'tfvars', 'plain', humanPassword(r).replace(/["\\$]/g, ''))}"\n`;
  b.add`provider "aws" {\n  access_key = "${secret('aws', 'aws-access-key-id', awsKeyId(r))}"\n  secret_key = "${secret('aws', 'aws-secret-access-key', awsSecret(r))}"\n  token      = "${secret('aws', 'aws-session-token', awsSessionToken(r))}"\n}\n`;
  const x = heldOutToken(r);
  b.add`provider "${x.family}" {\n  token = "${tok(x)}"\n}\n`;
  b.add`resource "aws_instance" "web" {\n  ami           = "ami-${r.chars(HEX, 17)}"\n  tags = { Owner = "platform-team", Build = "${ulid(r)}" }\n}\n`;
  b.add`variable "api_key" {\n  default = "${placeholderHeldOut(r)}"\n}\n`;
  b.add`# state lineage ${negative('uuid', `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-8${r.chars(HEX, 3)}-${r.chars(HEX, 12)}`)}\n`;
}

/** The small credential files tools write into a home directory. */
export function dotfiles(r: Rng, b: DocBuilder): void {
  const npm = heldOutToken(r);
  b.add`==> ~/.npmrc <==\n//registry.npmjs.org/:_authToken=${tok(npm)}\nalways-auth=true\n\n`;
  b.add`==> ~/.pypirc <==\n[pypi]\n  username = __token__\n  password = ${secret('pypi', 'pypi-upload-token', `pypi-AgEIcHlwaS5vcmc${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', r.int(120, 160))}`)}\n\n`;
  b.add`==> ~/.netrc <==\nmachine api.heroku.com\n  login ${personal('email', 'email', heldOutEmail(r).value)}\n  password ${tok(heldOutToken(r))}\n\n`;
  b.add`==> ~/.git-credentials <==\nhttps://${r.pick(['x-access-token', 'oauth2', 'ci-bot'])}:${tok(heldOutToken(r))}@${r.pick(['github.com', 'gitlab.example.com'])}\n\n`;
  b.add`==> ~/.pgpass <==\n${r.pick(['db.internal', '*'])}:5432:*:app:${pw(r, 'pgpass', 'plain', humanPassword(r).replace(/[:\\]/g, ''))}\n\n`;
  b.add`==> ~/.ssh/authorized_keys <==\n${negative('ssh-public-key', sshPublicKey(r))} ${personName(r).split(' ')[0]!.toLowerCase()}@laptop\n`;
}

export function ciLog(r: Rng, b: DocBuilder): void {
  const step = (s: string) =>
    `2024-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(10, 28))}T${String(r.int(10, 23))}:${String(r.int(10, 59))}:${String(r.int(10, 59))}.${r.digits(7)}Z ${s}`;
  b.add`${step('##[group]Run actions/checkout@v4')}\n${step(`Syncing repository: acme/${r.pick(['web', 'api'])} at ${negative('git-sha', r.chars(HEX, 40))}`)}\n`;
  const x = heldOutToken(r);
  b.add`${step('+ curl -s -X POST "https://api.example.com/deploy?token=')}${tok(x)}" -d @payload.json\n`;
  const z = heldOutToken(r);
  b.add`${step('HTTP 302 Location: https://sso.example.com/authorize?redirect_uri=https%253A%252F%252Fapp%252Fcb%253Fcode%253D')}${tok(z, 'double-percent', doublePercent(z.value))}\n`;
  b.add`${step('Go module cache: golang.org/x/net@')}${pseudoVersion(r)}\n`;
  b.add`${step('Debug: credential bytes ')}${(() => {
    const y = heldOutToken(r);
    return tok(y, 'hex', hex(y.value));
  })()}\n`;
  b.add`${step('export AWS_ACCESS_KEY_ID=')}${secret('aws', 'aws-access-key-id', awsKeyId(r))}; export AWS_SECRET_ACCESS_KEY=${secret('aws', 'aws-secret-access-key', awsSecret(r))}\n`;
  b.add`${step('Warning: ')}${proseHeldOut(r)}\n${step('Artifact digest ')}${imageDigest(r)}\n`;
  b.add`${step('Uploading to https://acct.blob.core.windows.net/builds/app.zip?sv=2022-11-02&ss=b&srt=o&sp=rw&se=2025-01-01&sig=')}${secret('azure', 'azure-sas-signature', sasSignature(r), 'percent-encoded')}\n`;
  b.add`${step('##[endgroup]')}\n`;
}

export function systemdAndNginx(r: Rng, b: DocBuilder): void {
  b.add`# /etc/systemd/system/worker.service\n[Service]\nEnvironment="QUEUE_URL=amqps://worker:${pw(r, 'amqp-url', 'percent-encoded', encodeURIComponent(humanPassword(r)))}@mq.internal/prod"\n`;
  const x = heldOutToken(r);
  b.add`Environment=${x.name}=${tok(x)}\nExecStart=/usr/local/bin/worker --id ${objectId(r)}\n\n`;
  b.add`# /etc/nginx/conf.d/upstream.conf\nlocation /api/ {\n  proxy_set_header Authorization "Basic ${secret('basic-auth', 'basic-auth', base64(`svc:${humanPassword(r)}`), 'base64')}";\n`;
  b.add`  proxy_set_header X-Upstream-Key ${tok(heldOutToken(r))};\n  # upstream mac ${macAddress(r)}\n}\n`;
}

export function dockerConfig(r: Rng, b: DocBuilder): void {
  b.add`{\n  "auths": {\n`;
  const n = r.int(1, 3);
  for (let i = 0; i < n; i++) {
    const x = heldOutToken(r);
    const user = r.pick(['_json_key', 'oauth2accesstoken', 'ci-bot', 'AWS']);
    b.add`    "${r.pick(['ghcr.io', 'registry.gitlab.com', `${r.digits(12)}.dkr.ecr.eu-west-1.amazonaws.com`, 'docker.io'])}": {\n      "auth": "${tok(x, 'docker-auth-base64', base64(`${user}:${x.value}`))}"\n    }${i < n - 1 ? ',' : ''}\n`;
  }
  b.add`  },\n  "credsStore": "desktop",\n  "currentContext": "default"\n}\n`;
}

export function helmValues(r: Rng, b: DocBuilder): void {
  b.add`# values-prod.yaml\nimage:\n  tag: "${pseudoVersion(r)}"\n`;
  b.add`secrets:\n  create: true\n  data:\n`;
  for (let n = r.int(2, 4); n > 0; n--) {
    const x = heldOutToken(r);
    b.add`    ${x.name.toLowerCase()}: ${r.chance(0.5) ? tok(x) : tok(x, 'base64', base64(x.value))}\n`;
  }
  b.add`  existingSecretPassword: ${placeholderHeldOut(r)}\n`;
  const keyBody = Buffer.concat([
    Buffer.from([0x30, 0x82, 0x04, 0xbd, 0x02, 0x01, 0x00]),
    r.bytes(r.int(600, 1200)),
  ]).toString('base64');
  const indented = keyBody.match(/.{1,64}/g)!.join('\n    ');
  b.add`tls:\n  key: |\n    -----BEGIN PRIVATE KEY-----\n    ${secret('private-key', 'pem-pkcs8', indented, 'yaml-block')}\n    -----END PRIVATE KEY-----\n`;
  b.add`extraFiles:\n  favicon.ico: ${base64DataHeldOut(r)}\n`;
}
