import { describe, expect, it } from 'vitest';
import { expectKept, redact } from '../test-expect.ts';

describe('HTML table columns by their header', () => {
  it('redacts the cells of a password and a phone column, and nothing else', () => {
    const html =
      '<table>\n<tr><th>User</th><th>Password</th><th>Mobile</th></tr>\n<tr><td>bob</td><td> Tr0ub4dor3x </td><td>4155552671</td></tr>\n</table>';
    expect(redact(html).text).toBe(
      '<table>\n<tr><th>User</th><th>Password</th><th>Mobile</th></tr>\n<tr><td>bob</td><td> [REDACTED:secret_assignment] </td><td>[REDACTED:phone]</td></tr>\n</table>',
    );
  });

  it.each([
    [
      'a table without such columns',
      '<tr><th>User</th><th>Team</th></tr><tr><td>bob</td><td>Tr0ub4dor3x</td></tr>',
    ],
    ['a row of another width', '<tr><th>Password</th></tr><tr><td>a</td><td>Tr0ub4dor3x</td></tr>'],
    ['a placeholder cell', '<tr><th>Password</th><th>x</th></tr><tr><td>********</td><td>1</td></tr>'],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });
});
