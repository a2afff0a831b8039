/** Dev templates for credential files of other syntaxes and for customer records of many countries. */
import { type DocBuilder, negative, personal, secret } from '../builder.ts';
import { base64, percentEncode } from '../encodings.ts';
import { isoTime, uuid } from '../negatives.ts';
import { ALNUM, B64, BASE32, HEX, type Rng } from '../rng.ts';
import {
  ean13,
  ID_LABELS,
  password,
  worldCard,
  worldEmailParts,
  worldIban,
  worldNationalId,
} from './formats.ts';
import { pers, placeholder } from './parts.ts';
import { FIRST, LAST } from './personal.ts';
import { HOSTS, USERS } from './secrets.ts';

const pw = (r: Rng, kind: string, value = password(r), form = 'plain') =>
  secret('password', kind, value, form);
const user = (r: Rng): string => r.pick(USERS);
const host = (r: Rng): string => r.pick(HOSTS);

/** The base64 of `user:password`, as Basic authentication, Docker and npm carry it. */
const basic = (r: Rng, kind: string) =>
  secret('basic-auth', kind, base64(`${user(r)}:${password(r)}`), 'base64');

/** One credential in one syntax; each line stands alone, like a file excerpt pasted into a ticket or a doc. */
const LINES: readonly ((r: Rng, b: DocBuilder) => void)[] = [
  (r, b) => b.add`machine ${host(r)} login ${user(r)} password ${pw(r, 'netrc-one-line')}\n`,
  (r, b) => b.add`machine ${host(r)}\n  login ${user(r)}\n  password ${pw(r, 'netrc')}\n`,
  (r, b) =>
    b.add`${host(r)}:${r.pick(['5432', '*'])}:${r.pick(['app', '*'])}:${user(r)}:${pw(r, 'pgpass')}\n`,
  (r, b) => b.add`CREATE USER '${user(r)}'@'%' IDENTIFIED BY '${pw(r, 'sql-identified-by')}';\n`,
  (r, b) =>
    b.add`ALTER USER ${user(r)} IDENTIFIED BY ${pw(r, 'sql-identified-by-bare', r.chars(ALNUM, r.int(10, 16)))};\n`,
  (r, b) => b.add`CREATE ROLE ${user(r)} WITH LOGIN PASSWORD '${pw(r, 'sql-with-password')}';\n`,
  (r, b) => b.add`SET PASSWORD FOR '${user(r)}'@'localhost' = PASSWORD('${pw(r, 'sql-password-fn')}');\n`,
  (r, b) =>
    b.add`Driver={ODBC Driver 18 for SQL Server};Server=${host(r)};Database=app;Uid=${user(r)};Pwd=${pw(r, 'odbc-pwd', r.chars(ALNUM, r.int(10, 18)))};\n`,
  (r, b) =>
    b.add`Server=tcp:${host(r)},1433;User ID=${user(r)};Password=${pw(r, 'ado-password', r.chars(ALNUM, r.int(10, 18)))};Encrypt=True;\n`,
  (r, b) => b.add`${r.pick(['requirepass', 'masterauth'])} ${pw(r, 'redis-conf')}\n`,
  (r, b) => b.add`rootpw --plaintext ${pw(r, 'kickstart-rootpw')}\n`,
  (r, b) => b.add`define( 'DB_PASSWORD', '${pw(r, 'php-define')}' );\n`,
  (r, b) => b.add`{"auths": {"${host(r)}": {"auth": "${basic(r, 'docker-config-auth')}"}}}\n`,
  (r, b) => b.add`//registry.npmjs.org/:_auth=${basic(r, 'npmrc-auth')}\n`,
  (r, b) => b.add`{"name": "Authorization", "value": "Basic ${basic(r, 'har-header')}"}\n`,
  (r, b) =>
    b.add`DefaultEndpointsProtocol=https;AccountName=${r.pick(['acmelogs', 'stprod01'])};AccountKey=${secret('azure', 'azure-storage-connection-string', r.bytes(64).toString('base64'))};EndpointSuffix=core.windows.net\n`,
  (r, b) =>
    b.add`https://${r.pick(['acmelogs', 'stprod01'])}.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01T00:00:00Z&sig=${secret('azure', 'azure-sas-signature', percentEncode(r.bytes(32).toString('base64')), 'percent-encoded')}\n`,
  (r, b) =>
    b.add`Endpoint=sb://${r.pick(['orders', 'events'])}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${secret('azure', 'azure-service-bus-key', r.bytes(32).toString('base64'))}\n`,
  (r, b) =>
    b.add`[${r.pick(['default', 'prod', 'ci'])}]\naws_access_key_id = ${secret('aws', 'aws-access-key-id', `AKIA${r.chars(BASE32, 16)}`)}\naws_secret_access_key = ${secret('aws', 'aws-secret-access-key', r.chars(B64, 40))}\n`,
  (r, b) =>
    b.add`HUBSPOT_ACCESS_TOKEN=${secret('hubspot', 'hubspot-private-app', `pat-${r.pick(['na1', 'eu1'])}-${uuid(r)}`)}\n`,
  (r, b) =>
    b.add`mapbox_token: ${secret('mapbox', 'mapbox-secret', `sk.eyJ1Ijoi${r.chars(ALNUM, 12)}IiwiYSI6Im${r.chars(ALNUM, 22)}In0.${r.chars(ALNUM + '-_', 22)}`)}\n`,
  (r, b) =>
    b.add`r = requests.get(url, auth=HTTPBasicAuth('${user(r)}', '${secret('basic-auth', 'python-http-basic-auth', password(r))}'))\n`,
  (r, b) =>
    b.add`req.SetBasicAuth("${user(r)}", "${secret('basic-auth', 'go-set-basic-auth', password(r))}")\n`,
  (r, b) =>
    b.add`AZURE_DEVOPS_PAT=${secret('azure', 'azure-devops-pat', r.chars('abcdefghijklmnopqrstuvwxyz234567', 52))}\n`,
  (r, b) => b.add`хост: ${host(r)}\nпароль: ${pw(r, 'russian-key')}\n`,
  (r, b) => b.add`db.passwort=${pw(r, 'german-key')}\n`,
  (r, b) => b.add`  password: |\n    ${pw(r, 'yaml-block-scalar')}\n`,
  (r, b) => b.add`<entry key="db.password">${pw(r, 'java-properties-xml')}</entry>\n`,
  (r, b) =>
    b.add`<property>\n  <name>javax.jdo.option.ConnectionPassword</name>\n  <value>${pw(r, 'hadoop-name-value')}</value>\n</property>\n`,
  // Placeholders in the same syntaxes: nothing to redact.
  (r, b) => b.add`machine ${host(r)} login ${user(r)} password ${placeholder(r)}\n`,
  (r, b) => b.add`requirepass ${placeholder(r)}\n`,
  (r, b) => b.add`ALTER USER ${user(r)} IDENTIFIED BY '${placeholder(r)}';\n`,
];

export function credentialFiles(r: Rng, b: DocBuilder): void {
  b.add`# collected ${negative('timestamp', isoTime(r))} from ${r.pick(['a support ticket', 'a runbook', 'a chat export'])}\n`;
  for (let n = r.int(4, 9); n > 0; n--) {
    r.pick(LINES)(r, b);
    if (r.chance(0.3))
      b.add`# ${r.pick(['the password is rotated monthly', 'Your password expired yesterday', 'set the password before deploying'])}\n`;
  }
}

const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

/** Customer records from many countries, with product barcodes and filler CPFs that are not personal data. */
export function customerRecords(r: Rng, b: DocBuilder): void {
  b.add`# export ${negative('timestamp', isoTime(r))}\n`;
  for (let n = r.int(3, 7); n > 0; n--) {
    const name = `${cap(r.pick(FIRST))} ${cap(r.pick(LAST))}`;
    const id = worldNationalId(r);
    b.add`customer: ${name}\n  ${ID_LABELS[id.kind] ?? 'id'}: ${pers(id)}\n  IBAN: ${pers(worldIban(r))}\n  card: ${pers(worldCard(r))}\n`;
    if (r.chance(0.4)) b.add`  last order: EAN ${negative('ean', ean13(r))}, ${r.int(1, 9)} pcs\n`;
    if (r.chance(0.3)) {
      const [local, domain] = worldEmailParts(r);
      b.add`  contact: ${personal('email', 'email-obfuscated', r.pick([`${local} [at] ${domain.replace(/\./g, ' [dot] ')}`, `${local}(at)${domain}`, `${local}&#64;${domain}`]))}\n`;
    }
    if (r.chance(0.2)) {
      const digit = String(r.int(0, 9));
      const filler = `${digit.repeat(3)}.${digit.repeat(3)}.${digit.repeat(3)}-${digit.repeat(2)}`;
      b.add`  cpf: ${negative('cpf-invalid', filler)}\n`;
    }
  }
  b.add`\n| sku | gtin | stock |\n|---|---|---|\n`;
  for (let n = r.int(2, 5); n > 0; n--)
    b.add`| ${r.chars(HEX, 6).toUpperCase()} | ${negative('ean', ean13(r))} | ${r.int(0, 500)} |\n`;
}
