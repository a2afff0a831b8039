import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from './test-expect.ts';

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

describe('phone', () => {
  it.each([
    '+44 20 7946 0958',
    '+1 (415) 555-0134',
    '+1-415-555-0134',
    '+14155550134',
    '+33 1 42 68 53 00',
    '+49 30 901820',
    '+91 98765 43210',
    '(415) 555-0134',
    '415-555-0134',
    '415.555.0134',
    '020 7946 0958',
    '01632 960123',
    '01 42 68 53 00',
    '089/1234567',
  ])('%s', (phone) => {
    expectRedacted('call ', phone, ' today', 'phone');
  });

  it.each([
    ['an epoch timestamp', 'ts=1710498153'],
    ['an epoch in milliseconds', 'ts=1710498153123'],
    ['a bare id', 'order 123456789 shipped'],
    ['an ISO date', '2024-03-15T10:22:33.123+01:00'],
    ['an IP address', 'from 192.168.100.200 port 5432'],
    ['a version', 'v12.4.1 and 2024.3.15.2'],
    ['a duration', 'took 1234 ms (p99 5678 ms)'],
    ['a grouped reference number', 'ref 4976 0538 2273 7203'],
    ['a timezone offset', '+05:30'],
    ['arithmetic', 'x = 1 + 2345678'],
    ['a diff stat', '12 files changed, +3456 -789'],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });
});

describe('card_number', () => {
  it.each([
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    '4111111111111111',
    '5555555555554444',
    '2223 0031 2200 3222',
    '3782 822463 10005',
    '6011111111111117',
  ])('%s', (card) => {
    expectRedacted('card=', card, ' exp=12/29', 'card_number');
  });

  it.each([
    ['a Luhn-failing number', 'card 4111111111111112'],
    ['a Luhn-failing grouped number', 'ref 4111 1111 1111 1112'],
    ['a Luhn-valid id no network issues', 'id 1234567812345670'],
    ['zeros', '0000 0000 0000 0000'],
    ['mixed separators', '4111 1111-1111 1111'],
    ['a longer digit run', '41111111111111110000000'],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });
});

describe('iban', () => {
  it.each([
    'DE89 3704 0044 0532 0130 00',
    'DE89370400440532013000',
    'GB82WEST12345698765432',
    'GB82 WEST 1234 5698 7654 32',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'ES9121000418450200051332',
    'IT60X0542811101000000123456',
  ])('%s', (iban) => {
    expectRedacted('pay to ', iban, ' by Friday', 'iban');
  });

  it('ends the IBAN at its registered length even before a capitalised word', () => {
    expectRedacted('IBAN ', 'DE89 3704 0044 0532 0130 00', ' AND BIC', 'iban');
  });

  it.each([
    ['a bad check digit', 'DE89 3704 0044 0532 0130 01'],
    ['an unknown country', 'XX89370400440532013000'],
    ['the wrong length', 'DE8937040044053201300'],
    ['an uppercase hex id', 'AB12CDEF34567890ABCDEF'],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });
});

describe('national_id', () => {
  it.each([
    ['US SSN', '123-45-6789'],
    ['US SSN', '078-05-1121'],
    ['UK NINO', 'AB123456C'],
    ['UK NINO, spaced', 'AB 12 34 56 C'],
    ['Spanish DNI', '12345678Z'],
    ['Spanish NIE', 'X1234567L'],
  ])('%s %s', (_name, id) => {
    expectRedacted('id: ', id, '.', 'national_id');
  });

  it.each([
    ['SSN area 000', '000-12-3456'],
    ['SSN area 666', '666-12-3456'],
    ['SSN area 9xx', '912-34-5678'],
    ['SSN group 00', '123-00-4567'],
    ['SSN serial 0000', '123-45-0000'],
    ['NINO prefix never allocated', 'GB123456A'],
    ['NINO with a bad first letter', 'DA123456A'],
    ['DNI with the wrong letter', '12345678A'],
    ['a date', '2024-03-15'],
  ])('keeps %s', (_name, text) => {
    expectKept(`id: ${text}.`);
  });
});
