/** Building blocks shared by the dev templates: labelled spans for credentials, personal data and filler. */
import { DocBuilder, negative, personal, type Span, secret } from '../builder.ts';
import { percentEncode } from '../encodings.ts';
import { anyIdNegative, ipv4, isoTime, PLACEHOLDERS, PROSE, semver, uuid } from '../negatives.ts';
import type { Rng } from '../rng.ts';
import { card, email, iban, nationalId, type Personal, phone } from './personal.ts';
import { type Credential, genericSecret, HOSTS, TOKEN_MAKERS, USERS, urlPassword } from './secrets.ts';

export const span = (c: Credential, form = 'plain', text = c.value): Span =>
  secret(c.family, c.kind, text, form);
export const pers = (x: Personal, form = 'plain', text = x.value): Span =>
  personal(x.family, x.kind, text, form);

export const anyToken = (r: Rng): Credential => r.pick(TOKEN_MAKERS)(r);
/** A token recognisable without its key (written in prose, URLs, command lines). */
export function standaloneToken(r: Rng): Credential {
  for (;;) {
    const c = anyToken(r);
    if (c.standalone) return c;
  }
}
export const anyCredential = (r: Rng): Credential => (r.chance(0.65) ? anyToken(r) : genericSecret(r));
export const anyPersonal = (r: Rng): Personal =>
  r.pick([email, email, phone, phone, iban, card, nationalId, nationalId])(r);
export const placeholder = (r: Rng): Span => negative('placeholder', r.pick(PLACEHOLDERS));
export const prose = (r: Rng): Span => negative('prose', r.pick(PROSE));

const SCHEMES = [
  ['postgresql', 5432, 'app'],
  ['postgres', 5432, 'orders'],
  ['mysql', 3306, 'shop'],
  ['mongodb', 27017, 'events'],
  ['redis', 6379, '0'],
  ['amqp', 5672, 'vhost'],
] as const;

/** A connection URL whose password is labelled (percent-encoded when it holds reserved characters, or raw). */
export function connectionUrl(r: Rng, rawReserved = false): Part[] {
  const [scheme, port, db] = r.pick(SCHEMES);
  const pw = urlPassword(r);
  const encodedPw = rawReserved ? pw : percentEncode(pw);
  const form = encodedPw === pw ? 'plain' : rawReserved ? 'url-raw-reserved' : 'percent-encoded';
  return [
    `${scheme}://${r.pick(USERS)}:`,
    secret('url-password', `url-password-${scheme}`, encodedPw, form),
    `@${r.pick(HOSTS)}:${port}/${db}${r.chance(0.4) ? '?sslmode=require' : ''}`,
  ];
}
type Part = string | Span;

const SERVICES = ['api', 'billing', 'worker', 'auth', 'gateway', 'scheduler', 'search'];
const PATHS = ['/v1/orders', '/v1/users/me', '/healthz', '/v2/invoices', '/graphql', '/api/projects'];

/** One ordinary log line full of id-like negatives. */
export function logFiller(r: Rng, b: DocBuilder): void {
  const head = [
    negative('timestamp', isoTime(r)),
    ` ${r.pick(['INFO', 'DEBUG', 'WARN'])} [${r.pick(SERVICES)}] `,
  ];
  switch (r.int(0, 5)) {
    case 0:
      b.add`${head}${r.pick(['GET', 'POST', 'PUT'])} ${r.pick(PATHS)} ${r.pick([200, 201, 204, 404])} ${r.int(2, 900)}ms request_id=${negative('uuid', uuid(r))} client=${negative('ipv4', ipv4(r))}\n`;
      break;
    case 1:
      b.add`${head}deployed commit ${anyIdNegative(r)} version ${negative('version', semver(r))}\n`;
      break;
    case 2:
      b.add`${head}cache hit ratio=0.${r.int(10, 99)} keys=${r.int(100, 99999)} evicted=${r.int(0, 500)}\n`;
      break;
    case 3:
      b.add`${head}job ${negative('uuid', uuid(r))} finished in ${r.int(1, 60)}.${r.int(0, 9)}s (${r.int(1, 5000)} rows)\n`;
      break;
    case 4:
      b.add`${head}processed item ${anyIdNegative(r)} for tenant ${r.pick(['acme', 'globex', 'initech'])}\n`;
      break;
    default:
      b.add`${head}${prose(r)}\n`;
  }
}

export const SERVICE_NAMES = SERVICES;
export { DocBuilder };
