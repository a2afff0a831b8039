import { describe, expect, it } from 'vitest';
import { expectKept, redact } from '../test-expect.ts';

describe('table columns that hold secrets or identifiers', () => {
  it("redacts IAM's credentials CSV by its header", () => {
    const csv =
      'User name,Password,Access key ID,Secret access key\ndeploy,Cfu4ix58c0#40,AKIAXXX,notbase64-but-secret\n';
    const result = redact(csv);
    expect(result.text).toBe(
      'User name,Password,Access key ID,Secret access key\ndeploy,[REDACTED:secret_assignment],AKIAXXX,[REDACTED:aws_secret_key]\n',
    );
  });

  it('redacts a national_id column, whatever its format', () => {
    const result = redact('customer_id,name,national_id\n1001,Anna,AB-99-12\n1002,Lukas,ZX-42-07\n');
    expect(result.text).toBe(
      'customer_id,name,national_id\n1001,Anna,[REDACTED:national_id]\n1002,Lukas,[REDACTED:national_id]\n',
    );
  });

  it('stops at the table end (a blank line, or a row of another width)', () => {
    const result = redact('user;password\nbob;Hunter2Hunter\n\nnotes;more;cells\nkept;kept;kept\n');
    expect(result.text).toBe(
      'user;password\nbob;[REDACTED:secret_assignment]\n\nnotes;more;cells\nkept;kept;kept\n',
    );
  });

  it('redacts a psql result inside a log, found from the rule under its header, padding kept', () => {
    const result = redact(
      'app=> select id, name, password from users;\n id | name | password\n----+------+-------------\n  1 | bob  | Tr0ub4dor3x\n(1 row)\n',
    );
    expect(result.text).toBe(
      'app=> select id, name, password from users;\n id | name | password\n----+------+-------------\n  1 | bob  | [REDACTED:secret_assignment]\n(1 row)\n',
    );
  });

  it("redacts a MySQL client's boxed table", () => {
    const box = '+----+------+-------------+\n| id | name | password    |\n+----+------+-------------+\n';
    const result = redact(
      `mysql> select * from users;\n${box}|  1 | bob  | Tr0ub4dor3x |\n+----+------+-------------+\n`,
    );
    expect(result.text).toBe(
      `mysql> select * from users;\n${box}|  1 | bob  | [REDACTED:secret_assignment] |\n+----+------+-------------+\n`,
    );
  });

  it('redacts a phone column by its header, when the cell has the digits of a number', () => {
    const result = redact('name,mobile_number,notes\nbob,4155552671,n/a\nann,unknown,n/a\n');
    expect(result.text).toBe('name,mobile_number,notes\nbob,[REDACTED:phone],n/a\nann,unknown,n/a\n');
  });

  it('keeps tables without such columns and separator rows', () => {
    expectKept('| Name | Team |\n|---|---|\n| Anna | Payments |\n');
    expectKept('id,password_policy,created\n1,strict,2024-01-02\n');
  });
});
