/** Dev templates for text that carries secrets in passing: HTTP dumps, shell history, logs, docs, traces, CSV. */
import { type DocBuilder, negative, secret } from '../builder.ts';
import { base64, jsonBody, percentEncode, splitAt } from '../encodings.ts';
import { lowerSnake, upperSnake } from '../keys.ts';
import {
  ibanInvalid,
  integrity,
  ipv4,
  isoTime,
  luhnInvalid,
  md5,
  numericId,
  pngBase64,
  protobufBase64,
  publicPem,
  sha256,
  sshPublicKey,
  stripePublishable,
  uuid,
} from '../negatives.ts';
import { ALNUM, HEX, type Rng } from '../rng.ts';
import {
  anyCredential,
  anyToken,
  connectionUrl,
  logFiller,
  pers,
  placeholder,
  prose,
  SERVICE_NAMES,
  span,
  standaloneToken,
} from './parts.ts';
import { card, email, FIRST, iban, LAST, nationalId, phone } from './personal.ts';
import { awsKeyId, awsSecret, genericSecret, npmToken, privateKey, USERS, urlPassword } from './secrets.ts';

const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);
const fullName = (r: Rng): string => `${cap(r.pick(FIRST))} ${cap(r.pick(LAST))}`;

export function httpDump(r: Rng, b: DocBuilder): void {
  for (let n = r.int(2, 4); n > 0; n--) {
    const q = anyToken(r);
    b.add`${r.pick(['GET', 'POST'])} /api/v${r.int(1, 3)}/${r.pick(['orders', 'repos', 'events'])}?page=${r.int(1, 9)}&access_token=${span(q)} HTTP/1.1\n`;
    b.add`Host: ${r.pick(['api.example.com', 'hooks.internal', 'app.acme.io'])}\n`;
    const auth = r.int(0, 3);
    if (auth === 0) b.add`Authorization: Bearer ${span(anyToken(r))}\n`;
    else if (auth === 1) {
      const user = r.pick([...USERS, email(r).value]);
      const pw = urlPassword(r);
      b.add`Authorization: Basic ${secret('basic-auth', 'basic-auth', base64(`${user}:${pw}`), 'base64')}\n`;
    } else if (auth === 2) b.add`X-Api-Key: ${span(standaloneToken(r))}\n`;
    else b.add`Authorization: token ${span(standaloneToken(r))}\n`;
    b.add`X-Request-Id: ${negative('uuid', uuid(r))}\nX-Forwarded-For: ${negative('ipv4', ipv4(r))}\n`;
    b.add`Cookie: session=${secret('session-cookie', 'session-cookie', r.chars(ALNUM, 32))}; _ga=GA1.2.${numericId(r)}.${r.int(1600000000, 1760000000)}\n`;
    // The token after a percent-encoded `=` in a nested redirect URL.
    const t = standaloneToken(r);
    b.add`Referer: https://app.example.com/login?next=%2Fcallback%3Fstate%3D${r.chars(HEX, 8)}%26token%3D${span(t, 'pct-after-eq', percentEncode(t.value))}\n`;
    b.add`If-None-Match: "${negative('md5', md5(r))}"\nUser-Agent: curl/8.${r.int(0, 9)}.${r.int(0, 9)}\n\n`;
    if (r.chance(0.5))
      b.add`{"email":"${pers(email(r))}","card":"${pers(card(r))}","publishableKey":"${negative('stripe-publishable', stripePublishable(r))}"}\n\n`;
  }
}

export function shellHistory(r: Rng, b: DocBuilder): void {
  const lines: ((r: Rng) => void)[] = [
    (r) => {
      const c = anyCredential(r);
      b.add`export ${upperSnake(c.key)}=${c.family === 'password' || c.family === 'generic-secret' ? "'" : ''}${span(c)}${c.family === 'password' || c.family === 'generic-secret' ? "'" : ''}\n`;
    },
    (r) =>
      b.add`curl -sS -H "Authorization: token ${span(standaloneToken(r))}" https://api.github.com/user/repos\n`,
    (r) =>
      b.add`mysql -h ${negative('ipv4', ipv4(r))} -u root -p'${secret('password', 'cli-password', urlPassword(r).replace(/'/g, ''))}' shop\n`,
    (r) =>
      b.add`PGPASSWORD='${secret('password', 'env-prefix-password', urlPassword(r).replace(/'/g, ''))}' psql -h db.internal -U app -d app\n`,
    (r) => b.add`psql "${connectionUrl(r)}"\n`,
    (r) =>
      b.add`docker login -u deploy -p ${secret('password', 'cli-password', genericSecret(r).value.replace(/[^A-Za-z0-9._-]/g, ''))} registry.example.com\n`,
    (r) =>
      b.add`git clone https://oauth2:${span(standaloneToken(r))}@gitlab.com/${r.pick(['platform', 'data'])}/${r.pick(['infra', 'etl'])}.git\n`,
    (r) => b.add`aws configure set aws_secret_access_key ${span(awsSecret(r))}\n`,
    (r) =>
      b.add`curl -u admin:${secret('password', 'curl-user-password', genericSecret(r).value.replace(/[^A-Za-z0-9._-]/g, '') || 'x7Tq9LmZ2p')} https://jenkins.internal/api/json\n`,
    (r) =>
      b.add`kubectl create secret generic api --from-literal=password=${secret('password', 'kubectl-literal', genericSecret(r).value.replace(/[^A-Za-z0-9._-]/g, '') || 'Zq81LmPx0r')}\n`,
    (r) => b.add`npm config set //registry.npmjs.org/:_authToken ${span(npmToken(r))}\n`,
    (r) => {
      const c = standaloneToken(r);
      b.add`echo ${span(c, 'base64', base64(c.value))} | base64 -d > ~/.token\n`;
    },
    (r) =>
      b.add`git log --oneline -3 # ${negative('short-sha', r.chars(HEX, 7))} fix login, ${negative('git-sha', r.chars(HEX, 40))}\n`,
    (r) =>
      b.add`ssh-keygen -lf ~/.ssh/id_ed25519.pub && cat ~/.ssh/id_ed25519.pub # ${negative('ssh-public-key', sshPublicKey(r))}\n`,
    (r) => b.add`export API_TOKEN=${placeholder(r)}\n`,
    (r) => b.add`sha256sum release.tar.gz  # ${negative('sha256', sha256(r))}\n`,
  ];
  for (let n = r.int(8, 16); n > 0; n--) {
    b.add`${r.chance(0.5) ? `${r.int(100, 2000)}  ` : '$ '}`;
    r.pick(lines)(r);
  }
}

export function appLog(r: Rng, b: DocBuilder): void {
  for (let n = r.int(14, 30); n > 0; n--) {
    const roll = r.int(0, 11);
    if (roll < 5) {
      logFiller(r, b);
      continue;
    }
    b.add`${negative('timestamp', isoTime(r))} ${r.pick(['ERROR', 'WARN', 'INFO'])} [${r.pick(SERVICE_NAMES)}] `;
    if (roll === 5) b.add`connection to ${connectionUrl(r)} failed: timeout after 30s\n`;
    else if (roll === 6) b.add`user ${pers(email(r))} updated phone to ${pers(phone(r))}\n`;
    else if (roll === 7) {
      // Half of these carry a zero-width space inside the token, as pasted from chat tools or planted on purpose.
      const c = standaloneToken(r);
      const at = r.int(4, c.value.length - 4);
      const t = r.chance(0.5) ? span(c, 'zero-width', splitAt(c.value, at, '\u200b')) : span(c);
      b.add`retrying webhook with token=${t} (attempt ${r.int(1, 5)})\n`;
    } else if (roll === 8) {
      // An access key id and its secret side by side, no label on either.
      b.add`loaded credentials ${span(awsKeyId(r))} ${span(awsSecret(r))} from profile ${r.pick(['default', 'ci'])}\n`;
    } else if (roll === 9) {
      // A long token wrapped by the log shipper at a fixed width.
      const c = standaloneToken(r);
      const at = r.int(8, Math.max(9, c.value.length - 8));
      b.add`auth header dump: Bearer ${span(c, 'split-lines', `${c.value.slice(0, at)}\n    ${c.value.slice(at)}`)}\n`;
    } else if (roll === 10)
      b.add`payout to ${pers(iban(r))} for customer ${negative('numeric-id', numericId(r))} rejected\n`;
    else b.add`${prose(r)}\n`;
  }
}

export function markdownRunbook(r: Rng, b: DocBuilder): void {
  b.add`# Runbook: ${r.pick(['rotating credentials', 'database failover', 'onboarding a service'])}\n\n${prose(r)} ${prose(r)}\n\n`;
  b.add`## Configuration\n\n\`\`\`bash\nexport ${upperSnake(anyToken(r).key)}=${placeholder(r)}\n`;
  const c = anyCredential(r);
  b.add`export ${upperSnake(c.key)}=${span(c)}\n\`\`\`\n\n`;
  b.add`The deploy key fingerprint is \`${negative('sha256', sha256(r))}\` and the release is tagged \`${negative('git-sha', r.chars(HEX, 40))}\`.\n\n`;
  b.add`## Contacts\n\n| Name | Email | Phone |\n|---|---|---|\n`;
  for (let n = r.int(2, 5); n > 0; n--) b.add`| ${fullName(r)} | ${pers(email(r))} | ${pers(phone(r))} |\n`;
  b.add`\n## Known values\n\n- Test card (fails Luhn on purpose): ${negative('luhn-invalid', luhnInvalid(r))}\n- Example IBAN with a wrong check: ${negative('iban-invalid', ibanInvalid(r))}\n`;
  b.add`- Leaked during the incident and revoked since: \`${span(standaloneToken(r))}\`\n\n`;
  if (r.chance(0.5)) {
    const key = privateKey(r);
    b.add`\`\`\`\n${key.begin}\n${secret('private-key', key.kind, key.body)}\n${key.end}\n\`\`\`\n`;
  } else {
    const pem = publicPem(r);
    b.add`\`\`\`\n${pem.begin}\n${negative('public-pem', pem.body)}\n${pem.end}\n\`\`\`\n`;
  }
  b.add`\n![diagram](data:image/png;base64,${negative('base64-image', pngBase64(r))})\n`;
}

export function stackTrace(r: Rng, b: DocBuilder): void {
  if (r.chance(0.5)) {
    b.add`Exception in thread "main" org.postgresql.util.PSQLException: FATAL: password authentication failed for user "app"\n`;
    b.add`\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:${r.int(100, 900)})\n`;
    b.add`\tat com.example.db.Pool.open(Pool.java:${r.int(10, 300)}) [url=jdbc:${connectionUrl(r)}]\n`;
    b.add`\tat com.example.Main.main(Main.java:${r.int(10, 99)})\nCaused by: java.net.SocketTimeoutException: connect timed out (request ${negative('uuid', uuid(r))})\n\n`;
  } else {
    b.add`Traceback (most recent call last):\n  File "/srv/app/client.py", line ${r.int(10, 400)}, in send\n    resp = session.post(url, headers=headers, json=payload)\n`;
    const c = standaloneToken(r);
    b.add`  locals: url='https://api.example.com/v1/charge' headers={'Authorization': 'Bearer ${span(c)}'}\n`;
    b.add`          payload={'email': '${pers(email(r))}', 'card': '${pers(card(r))}', 'order': '${negative('order-number', `ORD-${r.int(2019, 2025)}-${r.digits(6)}`)}'}\n`;
    const g = genericSecret(r);
    b.add`          ${lowerSnake(g.key)}='${span(g, 'plain', g.value.replace(/'/g, ''))}'\nrequests.exceptions.HTTPError: 402 Client Error\n\n`;
  }
}

export function csvExport(r: Rng, b: DocBuilder): void {
  if (r.chance(0.25)) {
    // The credentials file IAM offers for download: key id and secret in plain columns.
    b.add`User name,Password,Access key ID,Secret access key,Console login link\n`;
    for (let n = r.int(1, 3); n > 0; n--) {
      b.add`${r.pick(USERS)},${secret('password', 'csv-password', genericSecret(r).value.replace(/[,"]/g, ''))},${span(awsKeyId(r))},${span(awsSecret(r))},https://${r.digits(12)}.signin.aws.amazon.com/console\n`;
    }
    return;
  }
  b.add`customer_id,name,email,phone,iban,card,national_id,created_at,last_order\n`;
  for (let n = r.int(8, 20); n > 0; n--) {
    const id = nationalId(r);
    b.add`${negative('numeric-id', numericId(r))},${fullName(r)},${pers(email(r))},"${pers(phone(r))}",${pers(iban(r))},${pers(card(r))},${pers(id)},${negative('timestamp', isoTime(r))},${negative('order-number', `#${r.int(100000, 999999)}`)}\n`;
  }
}

/** A GCP service-account key file: the private key inside a JSON string, newlines escaped. */
export function gcpServiceAccount(r: Rng, b: DocBuilder): void {
  const project = `${r.pick(['acme', 'data', 'ml'])}-${r.pick(['prod', 'dev'])}-${r.int(100000, 999999)}`;
  const key = privateKey(r, 'pem-pkcs8');
  const bodyJson = jsonBody(key.body);
  b.add`{\n  "type": "service_account",\n  "project_id": "${project}",\n  "private_key_id": "${r.chars(HEX, 40)}",\n`;
  b.add`  "private_key": "-----BEGIN PRIVATE KEY-----\\n${secret('gcp', 'gcp-service-account-key', bodyJson, 'json-escaped-pem')}\\n-----END PRIVATE KEY-----\\n",\n`;
  b.add`  "client_email": "${r.pick(['deployer', 'etl', 'ci'])}@${project}.iam.gserviceaccount.com",\n  "client_id": "${r.digits(21)}",\n`;
  b.add`  "auth_uri": "https://accounts.google.com/o/oauth2/auth",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}\n`;
}

export function jsonLines(r: Rng, b: DocBuilder): void {
  for (let n = r.int(6, 14); n > 0; n--) {
    b.add`{"ts":"${negative('timestamp', isoTime(r))}","level":"${r.pick(['info', 'warn', 'error'])}","trace_id":"${negative('md5', md5(r))}",`;
    const roll = r.int(0, 5);
    if (roll === 0) b.add`"msg":"login","user":{"email":"${pers(email(r))}","phone":"${pers(phone(r))}"}}\n`;
    else if (roll === 1) b.add`"msg":"outbound","headers":{"authorization":"Bearer ${span(anyToken(r))}"}}\n`;
    else if (roll === 2)
      b.add`"msg":"page","next_page_token":"${negative('protobuf-base64', protobufBase64(r))}"}\n`;
    else if (roll === 3) b.add`"msg":"lockfile","integrity":"${negative('integrity', integrity(r))}"}\n`;
    else if (roll === 4)
      b.add`"msg":"kyc","subject":{"national_id":"${pers(nationalId(r))}","iban":"${pers(iban(r))}"}}\n`;
    else
      b.add`"msg":"config","values":${JSON.stringify({ region: 'eu-west-1', replicas: r.int(1, 9) })},"dsn":"${connectionUrl(r)}"}\n`;
  }
}

/** Long base64 lines that are not secrets, next to one that is: a PEM file with the key and its certificate. */
export function pemBundle(r: Rng, b: DocBuilder): void {
  const key = privateKey(r);
  const cert = publicPem(r);
  b.add`# ${r.pick(['server.pem', 'bundle.pem', 'tls.pem'])}\n${cert.begin}\n${negative('public-pem', cert.body)}\n${cert.end}\n`;
  b.add`${key.begin}\n${secret('private-key', key.kind, key.body)}\n${key.end}\n`;
}
