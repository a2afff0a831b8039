/**
 * HELD-OUT PART — redact-engine (and anyone improving the detectors) must not read the files in this folder.
 *
 * Data and messages: SQL dumps, source code, HTML, e-mail with quoted-printable and a base64 attachment, chat
 * exports, notebooks, HAR captures, vCards, invoices, syslog, semicolon CSV.
 */
import { type DocBuilder, negative, personal, type Span, secret } from '../builder.ts';
import { jsonBody } from '../encodings.ts';
import { isoTime, uuid } from '../negatives.ts';
import { HEX, type Rng } from '../rng.ts';
import { htmlEntities, mimeBase64, quotedPrintable } from './encodings.ts';
import {
  amount,
  base64DataHeldOut,
  buildNumber,
  coordinates,
  ean,
  etag,
  imageDigest,
  invalidLookalike,
  isbn,
  objectId,
  placeholderHeldOut,
  proseHeldOut,
  publicKeyHeldOut,
  snowflake,
  tracking,
  ulid,
} from './negatives.ts';
import {
  heldOutCard,
  heldOutEmail,
  heldOutIban,
  heldOutNationalId,
  heldOutPhone,
  type Item,
  personName,
} from './personal.ts';
import { awsKeyId, awsSecret, heldOutToken, humanPassword, type Token } from './secrets.ts';

const tok = (x: Token, form = 'plain', text = x.value): Span => secret(x.family, x.kind, text, form);
const pi = (x: Item, form = 'plain', text = x.value): Span => personal(x.family, x.kind, text, form);
const sqlQuote = (s: string): string => s.replace(/'/g, "''");

/** A token with zero to three invisible format characters (word joiner, ZWJ, ZWNJ, BOM) inside. */
function invisibleIn(r: Rng, x: Token): Span {
  let text = x.value;
  const n = r.int(0, 3);
  for (let i = 0; i < n; i++) {
    const at = r.int(2, text.length - 2);
    text = text.slice(0, at) + r.pick(['\u2060', '\u200d', '\u200c', '\ufeff']) + text.slice(at);
  }
  return tok(x, n === 0 ? 'plain' : 'invisible', text);
}

export function sqlDump(r: Rng, b: DocBuilder): void {
  b.add`-- PostgreSQL database dump\nSET client_encoding = 'UTF8';\n\nCOPY public.customers (id, name, email, phone, iban, tax_id, created) FROM stdin;\n`;
  for (let n = r.int(4, 10); n > 0; n--) {
    b.add`${snowflake(r)}\t${personName(r)}\t${pi(heldOutEmail(r))}\t${pi(heldOutPhone(r))}\t${pi(heldOutIban(r))}\t${pi(heldOutNationalId(r))}\t${negative('timestamp', isoTime(r))}\n`;
  }
  b.add`\\.\n\nINSERT INTO integrations (id, provider, api_key, secret) VALUES\n`;
  for (let n = r.int(2, 4); n > 0; n--) {
    const x = heldOutToken(r);
    const p = humanPassword(r);
    b.add`  ('${objectId(r)}', '${x.family}', '${tok(x)}', '${secret('password', 'sql-literal', sqlQuote(p), p.includes("'") ? 'sql-escaped' : 'plain')}'),\n`;
  }
  b.add`  ('${objectId(r)}', 'legacy', '${placeholderHeldOut(r)}', NULL);\n`;
}

export function sourceCode(r: Rng, b: DocBuilder): void {
  const lang = r.int(0, 2);
  const x = heldOutToken(r);
  const y = heldOutToken(r);
  if (lang === 0) {
    b.add`import os\nimport requests\n\n# ${proseHeldOut(r)}\nAPI_KEY = os.environ.get("${x.name}", "${tok(x)}")\n`;
    b.add`client = Client(token=b"${tok(y)}", timeout=30)\n`;
    b.add`conn = psycopg.connect(host="db", user="etl", password=r"${secret('password', 'python-raw-string', humanPassword(r).replace(/["\\]/g, ''))}")\n`;
    b.add`AWS = {"aws_access_key_id": "${secret('aws', 'aws-access-key-id', awsKeyId(r))}", "aws_secret_access_key": "${secret('aws', 'aws-secret-access-key', awsSecret(r))}"}\n`;
    b.add`ISBN = "${isbn(r)}"  # fixture\nBUILD = "${buildNumber(r)}"\n`;
  } else if (lang === 1) {
    b.add`// config.js\nexport default {\n  token: process.env.TOKEN ?? '${tok(x)}',\n  headers: { Authorization: \`Bearer ${tok(y)}\` },\n`;
    b.add`  placeholder: '${placeholderHeldOut(r)}',\n  sku: '${ean(r)}',\n  build: '${ulid(r)}',\n};\n`;
  } else {
    b.add`package main\n\nconst (\n\tapiToken = "${tok(x)}"\n\tdsn      = "sqlserver://sa:${secret('password', 'go-dsn', encodeURIComponent(humanPassword(r)), 'percent-encoded')}@mssql:1433?database=app"\n`;
    b.add`\tfallback = "${tok(y)}"\n\tmodule   = "${negative('git-sha', r.chars(HEX, 40))}"\n)\n`;
  }
}

export function htmlPage(r: Rng, b: DocBuilder): void {
  const e = heldOutEmail(r);
  b.add`<!doctype html>\n<html><head><meta name="csrf-token" content="${etag(r)}">\n`;
  b.add`<script>window.__CONFIG__ = {"apiKey":"${tok(heldOutToken(r))}","release":"${negative('git-sha', r.chars(HEX, 12))}"};</script></head>\n`;
  b.add`<body><p>Contact: <a href="mailto:${pi(e, 'html-entities', htmlEntities(e.value))}">${personName(r)}</a>, tel. ${pi(heldOutPhone(r))}</p>\n`;
  b.add`<img alt="map" src="data:font/woff2;base64,${base64DataHeldOut(r)}"> <span>${coordinates(r)}</span>\n`;
  b.add`<form><input type="hidden" name="password" value="${placeholderHeldOut(r)}"></form>\n</body></html>\n`;
}

/** An e-mail: quoted-printable body (soft line breaks cut values) and a .env attached as base64. */
export function emailMessage(r: Rng, b: DocBuilder): void {
  const from = heldOutEmail(r);
  const to = heldOutEmail(r);
  b.add`From: ${personName(r)} <${pi(from)}>\nTo: ${pi(to)}\nSubject: =?UTF-8?Q?Zugangsdaten_f=C3=BCr_Staging?=\nMessage-ID: <${uuid(r)}@mail.example.com>\nMIME-Version: 1.0\n`;
  b.add`Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n`;
  const x = heldOutToken(r);
  const lead = 'Hallo, der Token (l=C3=A4uft in 30 Tagen ab): ';
  b.add`${lead}${tok(x, 'quoted-printable', quotedPrintable(x.value, lead.length))}\n`;
  b.add`IBAN f=C3=BCr die Erstattung: ${pi(heldOutIban(r))}\nTel: ${pi(heldOutPhone(r))}\n\n`;
  b.add`--b1\nContent-Type: text/plain; name=".env"\nContent-Disposition: attachment; filename=".env"\nContent-Transfer-Encoding: base64\n\n`;
  const y = heldOutToken(r);
  const z = heldOutToken(r);
  b.put(
    mimeBase64([
      `# staging\nAPP_ENV=staging\n${y.name}=`,
      tok(y),
      `\nDB_PASSWORD=`,
      secret('password', 'env-in-attachment', humanPassword(r).replace(/\s/g, '')),
      `\n${z.name}=`,
      tok(z),
      `\nLOG_LEVEL=debug\n`,
    ]),
  );
  b.add`\n--b1--\n`;
}

export function chatExport(r: Rng, b: DocBuilder): void {
  b.add`[\n`;
  const n = r.int(4, 9);
  for (let i = 0; i < n; i++) {
    const roll = r.int(0, 4);
    const text: (string | Span)[] =
      roll === 0
        ? ['can you try with this one? ', invisibleIn(r, heldOutToken(r))]
        : roll === 1
          ? ['my number is ', pi(heldOutPhone(r)), ', mail ', pi(heldOutEmail(r))]
          : roll === 2
            ? [proseHeldOut(r)]
            : roll === 3
              ? ['tracking ', tracking(r), ' total ', amount(r)]
              : ['{\\"token\\":\\"', tok(heldOutToken(r), 'json-in-json'), '\\"}'];
    b.add`  {"type":"message","user":"U${r.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 10)}","ts":"${r.int(1600000000, 1760000000)}.${r.digits(6)}","text":"${text}","client_msg_id":"${negative('uuid', uuid(r))}"}${i < n - 1 ? ',' : ''}\n`;
  }
  b.add`]\n`;
}

export function notebook(r: Rng, b: DocBuilder): void {
  const x = heldOutToken(r);
  b.add`{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": ${r.int(1, 40)},\n   "source": [\n`;
  b.add`    "import openai, os\\n",\n    "os.environ[\\"${x.name}\\"] = \\"${tok(x)}\\"\\n",\n    "df = load(\\"s3://bucket/${negative('ulid', ulid(r).text)}.parquet\\")\\n"\n   ],\n`;
  b.add`   "outputs": [{"output_type": "stream", "text": ["rows: ${r.int(100, 99999)}\\n", "owner: ${pi(heldOutEmail(r))}\\n"]}]\n  },\n`;
  b.add`  {\n   "cell_type": "markdown",\n   "source": ["${proseHeldOut(r)}"]\n  },\n`;
  b.add`  {\n   "cell_type": "code",\n   "outputs": [{"data": {"image/png": "${base64DataHeldOut(r)}"}}]\n  }\n ]\n}\n`;
}

export function harCapture(r: Rng, b: DocBuilder): void {
  b.add`{"log":{"version":"1.2","entries":[\n`;
  const n = r.int(2, 4);
  for (let i = 0; i < n; i++) {
    const x = heldOutToken(r);
    const form = humanPassword(r);
    b.add`{"startedDateTime":"${negative('timestamp', isoTime(r))}","request":{"method":"POST","url":"https://auth.example.com/oauth/token",`;
    b.add`"headers":[{"name":"Authorization","value":"Bearer ${tok(x)}"},{"name":"If-None-Match","value":"${jsonBody(etag(r).text)}"}],`;
    const user = heldOutEmail(r);
    b.add`"postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=password&username=${pi(user, 'percent-encoded', encodeURIComponent(user.value))}&password=${secret('password', 'form-urlencoded', encodeURIComponent(form), 'percent-encoded')}&client_secret=${tok(heldOutToken(r))}"}},`;
    b.add`"response":{"status":200,"headers":[{"name":"ETag","value":"${jsonBody(etag(r).text)}"}]}}${i < n - 1 ? ',' : ''}\n`;
  }
  b.add`]}}\n`;
}

export function vcards(r: Rng, b: DocBuilder): void {
  for (let n = r.int(2, 5); n > 0; n--) {
    const name = personName(r);
    b.add`BEGIN:VCARD\nVERSION:4.0\nFN:${name}\nEMAIL;TYPE=work:${pi(heldOutEmail(r))}\nTEL;TYPE=cell:${pi(heldOutPhone(r))}\n`;
    b.add`NOTE:IBAN ${pi(heldOutIban(r))}\nUID:urn:uuid:${negative('uuid', uuid(r))}\nGEO:geo:${coordinates(r)}\nEND:VCARD\n`;
  }
}

export function invoice(r: Rng, b: DocBuilder): void {
  b.add`INVOICE ${negative('invoice-number', `RE-${r.int(2020, 2025)}-${r.digits(5)}`)}\nBill to: ${personName(r)}\n`;
  b.add`Tax ID: ${pi(heldOutNationalId(r))}\nPaid by card ${pi(heldOutCard(r))}\nItems:\n`;
  for (let n = r.int(2, 6); n > 0; n--) b.add`  ${ean(r)}  ${isbn(r)}  qty ${r.int(1, 9)}  ${amount(r)}\n`;
  b.add`Refund account: ${pi(heldOutIban(r))}\nReference (check digits fail on purpose in our test data): ${invalidLookalike(r)}\n`;
  b.add`Shipment: ${tracking(r)}\n`;
}

export function syslog(r: Rng, b: DocBuilder): void {
  for (let n = r.int(10, 22); n > 0; n--) {
    b.add`<${r.int(10, 190)}>1 ${negative('timestamp', isoTime(r))} ${r.pick(['web-1', 'worker-3', 'db-2'])} ${r.pick(['sshd', 'app', 'cron'])} ${r.int(100, 65000)} - - `;
    const roll = r.int(0, 7);
    if (roll === 0)
      b.add`Accepted publickey for deploy from ${negative('ipv4', `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`)}\n`;
    else if (roll === 1) b.add`auth=${tok(heldOutToken(r))} user=${pi(heldOutEmail(r))}\n`;
    else if (roll === 2) b.add`container ${imageDigest(r)} started\n`;
    else if (roll === 3) b.add`card declined: ${pi(heldOutCard(r))} (customer ${snowflake(r)})\n`;
    else if (roll === 4) b.add`lookup ok for ${invalidLookalike(r)}\n`;
    else if (roll === 5) b.add`key material ${publicKeyHeldOut(r)}\n`;
    else if (roll === 6) b.add`identity verified: ${pi(heldOutNationalId(r))}\n`;
    else b.add`heartbeat seq=${r.int(1, 99999)} build=${buildNumber(r)}\n`;
  }
}

export function semicolonCsv(r: Rng, b: DocBuilder): void {
  b.add`"Kundennr";"Name";"E-Mail";"Telefon";"IBAN";"Ausweis";"Betrag";"Notiz"\n`;
  for (let n = r.int(6, 14); n > 0; n--) {
    const note = r.chance(0.2)
      ? ['Passwort: ', secret('password', 'csv-note', humanPassword(r).replace(/[";]/g, ''))]
      : [proseHeldOut(r)];
    b.add`"${snowflake(r)}";"${personName(r)}";"${pi(heldOutEmail(r))}";"${pi(heldOutPhone(r))}";"${pi(heldOutIban(r))}";"${pi(heldOutNationalId(r))}";"${amount(r)}";"${note}"\n`;
  }
}
