/** Dev templates for configuration syntaxes: env, YAML, TOML, INI, JSON, .properties, XML, Kubernetes Secret. */
import { type DocBuilder, encoded, negative, secret } from '../builder.ts';
import { base64, base64url, goJsonEscape, jsonUnicode, splitAt, xmlEscape } from '../encodings.ts';
import { camel, dotted, lowerSnake, pascal, upperSnake } from '../keys.ts';
import { isoTime, pngBase64, publicPem, semver, uuid } from '../negatives.ts';
import type { Rng } from '../rng.ts';
import { entries, mapSpans, type Piece } from './entries.ts';
import { anyToken, connectionUrl, placeholder, span, standaloneToken } from './parts.ts';
import { privateKey } from './secrets.ts';

export function envFile(r: Rng, b: DocBuilder): void {
  b.add`# ${r.pick(['production', 'staging', 'local'])} settings, written ${negative('timestamp', isoTime(r))}\n`;
  for (const e of entries(r, 8, 16)) {
    const q = e.sensitive ? "'" : r.pick(['', '', '"']);
    b.add`${r.chance(0.2) ? 'export ' : ''}${upperSnake(e.key)}=${q}${e.value}${q}\n`;
    if (r.chance(0.15)) b.add`\n# ${r.pick(['database', 'third-party APIs', 'mail', 'observability'])}\n`;
  }
}

const yamlQuote = (pieces: readonly Piece[], sensitive: boolean): Piece[] =>
  sensitive ? ['"', ...pieces, '"'] : [...pieces];

export function yamlConfig(r: Rng, b: DocBuilder): void {
  b.add`service:\n  name: ${r.pick(['orders', 'billing', 'ledger'])}\n  version: ${negative('version', semver(r))}\n  instance: ${negative('uuid', uuid(r))}\n`;
  for (const section of r.shuffle(['database', 'integrations', 'mail', 'storage']).slice(0, r.int(2, 4))) {
    b.add`${section}:\n`;
    for (const e of entries(r, 2, 6)) b.add`  ${lowerSnake(e.key)}: ${yamlQuote(e.value, e.sensitive)}\n`;
  }
  if (r.chance(0.5)) {
    // A long token continued on the next line inside a double-quoted scalar (`\` at line end joins the lines).
    const c = standaloneToken(r);
    const at = Math.floor(c.value.length / 2);
    b.add`ci:\n  ${lowerSnake(c.key)}: "${span(c, 'split-lines', splitAt(c.value, at, '\\\n    '))}"\n`;
  }
}

export function tomlConfig(r: Rng, b: DocBuilder): void {
  b.add`# ${r.pick(['app.toml', 'config.toml', 'settings.toml'])}\ntitle = "${r.pick(['ledger', 'crawler', 'notifier'])}"\nversion = "${negative('version', semver(r))}"\n\n`;
  for (const table of r.shuffle(['database', 'api', 'smtp', 'cache']).slice(0, r.int(2, 4))) {
    b.add`[${table}]\n`;
    for (const e of entries(r, 2, 5)) {
      const q = r.chance(0.2) ? "'" : '"';
      b.add`${lowerSnake(e.key)} = ${q}${e.value}${q}\n`;
    }
    b.add`\n`;
  }
}

export function iniConfig(r: Rng, b: DocBuilder): void {
  b.add`; ${r.pick(['my.cnf', 'php.ini', 'odbc.ini', 'settings.ini'])}\n`;
  for (const section of r.shuffle(['client', 'mysqld', 'mail', 'api', 'backup']).slice(0, r.int(2, 4))) {
    b.add`[${section}]\n`;
    for (const e of entries(r, 2, 5)) b.add`${lowerSnake(e.key)}${r.pick(['=', ' = '])}${e.value}\n`;
    b.add`\n`;
  }
}

export function jsonConfig(r: Rng, b: DocBuilder): void {
  b.add`{\n  "name": "${r.pick(['storefront', 'gateway', 'reports'])}",\n  "version": "${negative('version', semver(r))}",\n  "settings": {\n`;
  const list = entries(r, 4, 9);
  list.forEach((e, i) => {
    b.add`    "${camel(e.key)}": "${e.value}"${i < list.length - 1 ? ',' : ''}\n`;
  });
  b.add`  },\n  "secrets": {\n`;
  // Encodings serializers really produce: every character \u-escaped, Go's HTML-safe escapes, base64url.
  const a = standaloneToken(r);
  const c = anyToken(r);
  b.add`    "${camel(a.key)}": "${span(a, 'json-unicode', jsonUnicode(a.value))}",\n`;
  b.add`    "${camel(c.key)}B64": "${span(c, 'base64url', base64url(c.value))}",\n`;
  b.add`    "databaseUrl": "${mapSpans(connectionUrl(r), goJsonEscape, 'go-json-escaped')}"\n`;
  b.add`  },\n  "updatedAt": "${negative('timestamp', isoTime(r))}"\n}\n`;
}

export function propertiesFile(r: Rng, b: DocBuilder): void {
  b.add`# application.properties\nspring.application.name=${r.pick(['inventory', 'payments', 'catalog'])}\ninfo.app.version=${negative('version', semver(r))}\n`;
  b.add`spring.datasource.url=jdbc:${connectionUrl(r)}\n`;
  for (const e of entries(r, 4, 10)) b.add`${dotted(e.key)}${r.pick(['=', ' = ', ': '])}${e.value}\n`;
  if (r.chance(0.5)) {
    const c = standaloneToken(r);
    const at = Math.floor(c.value.length / 3);
    b.add`${dotted(c.key)}=${span(c, 'split-lines', splitAt(c.value, at, '\\\n    '))}\n`;
  }
}

export function xmlConfig(r: Rng, b: DocBuilder): void {
  b.add`<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n`;
  for (const e of entries(r, 3, 8)) {
    b.add`    <add key="${pascal(e.key)}" value="${mapSpans(e.value, xmlEscape, 'xml-escaped')}" />\n`;
  }
  b.add`  </appSettings>\n  <connectionStrings>\n`;
  const conn = connectionUrl(r, true);
  b.add`    <add name="Primary" connectionString="${mapSpans(conn, xmlEscape, 'xml-escaped')}" />\n`;
  b.add`  </connectionStrings>\n`;
  if (r.chance(0.5)) {
    const c = anyToken(r);
    b.add`  <servers>\n    <server id="${r.pick(['github', 'nexus', 'registry'])}" username="ci" password="${span(c)}" />\n  </servers>\n`;
  }
  b.add`</configuration>\n`;
}

/** A Kubernetes Secret: `data` values are base64 of the secret (and of non-secrets such as a CA certificate). */
export function kubernetesSecret(r: Rng, b: DocBuilder): void {
  b.add`apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${r.pick(['app-credentials', 'db-secret', 'ci-tokens'])}\n  namespace: ${r.pick(['default', 'prod', 'payments'])}\n  uid: ${negative('uuid', uuid(r))}\n  resourceVersion: "${r.int(10000, 9999999)}"\n  creationTimestamp: "${negative('timestamp', isoTime(r))}"\ntype: Opaque\ndata:\n`;
  for (let i = r.int(1, 4); i > 0; i--) {
    const c = anyToken(r);
    b.add`  ${upperSnake(c.key)}: ${encoded(span(c), 'base64', base64(c.value))}\n`;
  }
  if (r.chance(0.7)) {
    const url = connectionUrl(r, true);
    const text = url.map((p) => (typeof p === 'string' ? p : p.text)).join('');
    const pw = url.find((p) => typeof p !== 'string');
    if (pw && typeof pw !== 'string') b.add`  DATABASE_URL: ${encoded(pw, 'base64-of-url', base64(text))}\n`;
  }
  b.add`  username: ${base64(r.pick(['app', 'admin', 'deploy']))}\n`;
  if (r.chance(0.6)) {
    const cert = publicPem(r);
    b.add`  ca.crt: ${negative('base64-certificate', base64(`${cert.begin}\n${cert.body}\n${cert.end}\n`))}\n`;
  }
  if (r.chance(0.3)) b.add`  logo.png: ${negative('base64-image', pngBase64(r))}\n`;
  if (r.chance(0.4)) {
    const key = privateKey(r);
    b.add`  tls.key: ${secret('private-key', key.kind, base64(`${key.begin}\n${key.body}\n${key.end}\n`), 'base64')}\n`;
  }
  if (r.chance(0.6)) {
    b.add`stringData:\n`;
    const c = anyToken(r);
    b.add`  ${lowerSnake(c.key)}: ${span(c)}\n`;
    if (r.chance(0.5)) b.add`  fallback_password: ${placeholder(r)}\n`;
  }
}
