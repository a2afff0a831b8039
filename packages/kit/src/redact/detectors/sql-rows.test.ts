import { describe, expect, it } from 'vitest';
import { expectKept, redact } from '../test-expect.ts';

describe('SQL dump rows by their column list', () => {
  it('redacts the password column of a multi-row INSERT, quotes and escapes honoured', () => {
    const sql =
      "INSERT INTO `users` (`id`, `email_verified`, `password`, `note`) VALUES (1, true, 'Tr0ub4dor3x', 'it''s'), (2, NULL, 'S3cr3t\\'Pass', NOW());";
    expect(redact(sql).text).toBe(
      "INSERT INTO `users` (`id`, `email_verified`, `password`, `note`) VALUES (1, true, '[REDACTED:secret_assignment]', 'it''s'), (2, NULL, '[REDACTED:secret_assignment]', NOW());",
    );
  });

  it('redacts identifier and phone columns', () => {
    const sql = "insert into people (name, national_id, phone) values ('Ann', 'X-4471-09', '4155552671');";
    expect(redact(sql).text).toBe(
      "insert into people (name, national_id, phone) values ('Ann', '[REDACTED:national_id]', '[REDACTED:phone]');",
    );
  });

  it('redacts the rows of a COPY … FROM stdin block up to its end marker', () => {
    const dump =
      'COPY public.users (id, password) FROM stdin;\n1\tTr0ub4dor3x\n2\t\\N\n\\.\n3\tafter-the-block\n';
    expect(redact(dump).text).toBe(
      'COPY public.users (id, password) FROM stdin;\n1\t[REDACTED:secret_assignment]\n2\t\\N\n\\.\n3\tafter-the-block\n',
    );
  });

  it.each([
    ['columns that hold no secret', "INSERT INTO t (id, name) VALUES (1, 'Tr0ub4dor3x');"],
    ['an INSERT without a column list', "INSERT INTO users VALUES (1, 'Tr0ub4dor3x');"],
    ['NULL and placeholders', "INSERT INTO users (id, password) VALUES (1, NULL), (2, 'changeme');"],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });
});
