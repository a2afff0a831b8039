import { describe, expect, it } from 'vitest';
import { expectKept, expectRedacted, redact } from '../test-expect.ts';

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
    // Other networks' ranges (ISO/IEC 7812 issuer tables) and lengths 13-19, in their printed groupings.
    '2200 1234 5678 9019', // Mir
    '8100 1234 5678 9012 347', // UnionPay, 19 digits
    '4123 4567 8901 2345 677', // Visa, 19 digits
    '5089 1234 5678 9018', // RuPay
    '9792 1234 5678 9018', // Troy
    '3056 930902 5904', // Diners Club, 14 digits
    '3530111333300000', // JCB
    '4111.1111.1111.1111',
    '4222 2222 2222 2', // Visa, 13 digits
    '213100000000019', // JCB, 15 digits
    '6062820000000011', // Hipercard
    '6062820000000000010', // Hipercard, 19 digits
    // Other groupings than the networks print.
    '4111 111111 111111',
    '41111 11111 111111',
    '4111-1111 1111-1111',
    '4111  1111  1111  1111',
  ])('%s', (card) => {
    expectRedacted('card=', card, ' exp=12/29', 'card_number');
  });

  it('tells a 13-digit card from an EAN-13 barcode by the GS1 check and the words on the line', () => {
    // 4602995262713 passes both Luhn and the GS1 check: a barcode unless the line names a card.
    expectKept('EAN 4602995262713 barcode');
    expectKept('gtin=4602995262713');
    expectRedacted('visa card ', '4602995262713', '', 'card_number');
    // A 13-digit Visa number that fails the GS1 check needs no words.
    expectRedacted('n ', '4222222222222', '', 'card_number');
  });

  it.each([
    ['a Luhn-failing number', 'card 4111111111111112'],
    ['a Luhn-failing grouped number', 'ref 4111 1111 1111 1112'],
    ['a Luhn-valid id no network issues', 'id 1234567812345670'],
    ['zeros', '0000 0000 0000 0000'],
    ['a longer digit run', '41111111111111110000000'],
    ['a 15-digit id from 1 passing Luhn, with no card named', 'order 110000000000122'],
    ['a grouped Luhn-valid number no network issues', 'ref 12 3456 7812 345670'],
    ['a loose grouping with a single digit in it', 'x 4111 1 111111 111111'],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });
});

describe('numbers named by their label', () => {
  it.each([
    ['a UATP card, named', 'UATP card ', '110000000000122', '', 'card_number'],
    ['a bare phone, labelled', 'phone: ', '4155552671', '\n', 'phone'],
    ['a Chinese mobile, labelled', 'Mobile: ', '13800138000', '\n', 'phone'],
    ['a Russian number with its trunk 8, labelled', 'Tel. ', '8 (495) 123-45-67', '\n', 'phone'],
    ['an Indian PAN', 'PAN ', 'ABCPE1234F', ' on file', 'national_id'],
  ])('%s', (_name, before, value, after, kind) => {
    expectRedacted(before, value, after, kind);
  });

  it.each([
    ['a number labelled as something else', 'Version 4155552671'],
    ['a PAN-shaped code of a company', 'ABCCE1234F'],
    ['a PAN shape inside a longer code', 'XABCPE1234F9'],
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

describe('phone numbers in national groupings', () => {
  it.each([
    ['UK landline', '020 7946 0958'],
    ['UK mobile', '07700 900123'],
    ['DE mobile', '0151 23456789'],
    ['DE with (0)', '+49 (0) 89 123 4567'],
    ['FR', '01 42 68 53 00'],
    ['FR mobile', '06 12 34 56 78'],
    ['ES landline', '91 938 49 59'],
    ['ES mobile', '612 345 679'],
    ['NL', '020-1234567'],
    ['IT mobile', '+39 312 345 6789'],
    ['SE', '+46 70 123 45 67'],
    ['JP mobile', '090-1234-5678'],
    ['KR mobile', '010-1234-5678'],
    ['AU', '(02) 9374 4000'],
    ['BR', '(11) 91234-5678'],
    ['IN', '98765 43210'],
    ['CN mobile', '138 0013 8000'],
    ['US toll-free', '1-800-555-0134'],
    ['E.164 via 00', '0049 30 901820'],
  ])('%s %s', (_name, number) => {
    expectRedacted('call ', number, ' today', 'phone');
  });

  it.each([
    ['a time range', '10:00-18:00'],
    ['a dotted date and a time', '15.03.2024 10:22'],
    ['an IPv4 address', '10.0.3.17'],
    ['a version', '4.6.7-beta.12'],
    ['a money amount', '1 234 567.89 EUR'],
    ['a UUID', 'c88477c6-0354-4960-9147-b45f8f2fdb39'],
    ['digits inside a hash', '1730685bfd0399229882ccec6c7f0cc6'],
    ['an order number', 'ORD-2024-000123'],
  ])('keeps %s', (_name, text) => {
    expectKept(`ref ${text} ok`);
  });
});

describe('national identifiers with check digits', () => {
  it.each([
    ['DE Steuer-ID, grouped', '86 095 742 719'],
    ['DE Steuer-ID', '86095742719'],
    ['FR NIR, spaced', '2 55 08 14 168 025 38'],
    ['FR NIR', '255081416802538'],
    ['NL BSN after its name', 'BSN 111222333'],
    ['SE personnummer', '811228-9874'],
    ['IN Aadhaar, grouped', '2341 2341 2346'],
    ['BR CPF', '529.982.247-25'],
    ['BR CPF, bare', '52998224725'],
    ['PL PESEL after its name', 'PESEL 44051401359'],
    ['NO fødselsnummer', '01010750160'],
    ['FI HETU', '131052-308T'],
    ['BE national number', '85.07.30-033.28'],
    ['CH AHV', '756.9217.0769.85'],
    ['CN resident id', '11010519491231002X'],
    ['CA SIN', '130 692 544'],
  ])('%s', (_name, id) => {
    const result = redact(`id ${id} on file`);
    expect(result.text).not.toMatch(/\d{3}.?\d{2}.?\d/);
    expect(result.counts.national_id).toBe(1);
  });

  it.each([
    ['a Steuer-ID with a wrong check digit', '86095742718'],
    ['a NIR with a wrong key', '255081416802539'],
    ['a bare 9-digit id with no name near it', '111222333'],
    ['a CPF with a wrong check digit', '529.982.247-26'],
    ['Aadhaar with a wrong check digit', '2341 2341 2348'],
  ])('keeps %s', (_name, id) => {
    expectKept(`order ${id} shipped`);
  });
});

describe('numbers printed with non-ASCII spaces, dashes and digits', () => {
  it.each([
    ['no-break spaces (French)', '06\u00a012\u00a034\u00a056\u00a078', 'phone'],
    ['narrow no-break spaces', '+33\u202f6\u202f12\u202f34\u202f56\u202f78', 'phone'],
    ['thin spaces', '+49\u2009151\u20092345\u20096789', 'phone'],
    ['en dashes', '+49\u2013151\u201323456789', 'phone'],
    ['full-width digits', '\uff10\uff19\uff10-\uff11\uff12\uff13\uff14-\uff15\uff16\uff17\uff18', 'phone'],
    ['an IBAN with no-break spaces', 'DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000', 'iban'],
    ['a card with no-break spaces', '4111\u00a01111\u00a01111\u00a01111', 'card_number'],
  ])('%s', (_name, value, kind) => {
    expectRedacted('call ', value, ' now', kind);
  });
});

describe('iban, any country and grouping', () => {
  it.each([
    'KZ86 125K ZT50 0410 0100', // letters inside the BBAN look like a head of their own
    'KZ86125KZT5004100100',
    'AZ21 NABZ 0000 0000 1370 1000 1944', // digits printed like a card's
    'DE89-3704-0044-0532-0130-00',
    'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
    'BR15 0000 0000 0000 1093 2840 814P 2',
    'BH54 NMJG ZXKL X1SP KATO YI', // a BBAN of mostly letters: no run of digits to start from
    'LV80 BANK 0000 4351 9500 1',
  ])('%s', (iban) => {
    expectRedacted('pay to ', iban, ' today', 'iban');
  });

  it('keeps an IBAN-shaped number with a wrong check digit, and nothing inside it', () => {
    expectKept('IBAN DE89 3704 0044 0532 0130 01 rejected');
  });
});

describe('national ids with published check digits', () => {
  it.each([
    ['CL RUT, dotted', 'RUT ', '12.345.678-5'],
    ['CL RUT, seven-digit body', 'RUN ', '7.654.321-6'],
    ['CL RUT, dash only', 'rut: ', '12345678-5'],
    ['TR T.C. Kimlik No', 'TCKN ', '10000000146'],
    ['TR T.C. Kimlik No, no word', 'x ', '10000000146'],
    ['RO CNP', 'CNP ', '1800101221144'],
    ['ZA identity number', 'ID ', '8001015009087'],
    ['AR CUIT', 'CUIT ', '20-17254359-7'],
    ['CZ rodné číslo', 'rč ', '780123/3540'],
    ['SG NRIC', 'NRIC ', 'S1234567D'],
    ['EE isikukood, named', 'isikukood ', '37605030299'],
    ['AU TFN, named', 'TFN ', '123 456 707'],
    ['NZ IRD', 'IRD ', '49-091-850'],
    ['RU SNILS', 'СНИЛС ', '112-233-445 95'],
    ['HK identity card', 'HKID ', 'A123456(3)'],
    ['TW national id', 'id ', 'A123456789'],
    ['IE PPS number', 'PPS ', '1234567T'],
    ['IE PPS number, two letters', 'PPS ', '1234567TW'],
    ['SI/RS JMBG', 'JMBG ', '0101006500006'],
    ['TH national id', 'ID ', '1101700230708'],
    ['PT NIF, named', 'NIF ', '123456789'],
    ['UY cédula', 'CI ', '1.234.567-2'],
  ])('%s', (_name, before, id) => {
    expectRedacted(before, id, ' on file', 'national_id');
  });

  it.each([
    ['a RUT-shaped tail of an order code', 'ORD-12345678-5'],
    ['a wrong RUT check', 'RUT 12.345.678-4'],
    ['a wrong TCKN check', 'TCKN 10000000148'],
    ['an unnamed 11-digit number passing only a weak check', 'n 37605030299'],
    ['an amount grouped 3-3-3 that passes the TFN check, unnamed', 'total 123 456 707 EUR'],
    ['a NINO-shaped code with an unallocated prefix', 'id: GB123456A.'],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });

  it('keeps a CPF that fails its check, under its name or printed as one', () => {
    expectKept('cpf: 529.982.247-26');
    expectKept('"cpf": "52998224726"');
    expectKept('CPF 017.243.309-60'); // not a phone either
    expectKept('CPF 52998224726');
    expectRedacted('cpf: ', '529.982.247-25', '', 'national_id');
  });

  it('keeps a CPF of one repeated digit under its field name (never issued: a filler)', () => {
    expectKept('cpf: 111.111.111-11');
    expectKept('"cpf": "000.000.000-00"');
  });
});
