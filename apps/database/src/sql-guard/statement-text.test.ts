import { loadModule, parseSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { statementText } from './statement-text.ts';

/** The text of statement `index` of `sql`, cut by the span the parser reports for it. */
function nth(sql: string, index: number): string {
  const raw = parseSync(sql).stmts?.[index];
  return statementText(sql, { location: raw?.stmt_location, length: raw?.stmt_len });
}

describe('statementText', () => {
  beforeAll(() => loadModule());

  it('cuts each statement by its byte span, without the separating semicolon', () => {
    const sql = "select 'é' ; /* between */ select '😀', 2 -- end";
    expect(nth(sql, 0)).toBe("select 'é'");
    expect(nth(sql, 1)).toBe("select '😀', 2");
  });

  it('treats a missing length as "to the end of the input" and still drops the trailing comment', () => {
    expect(statementText('select 1 -- c', { location: undefined, length: undefined })).toBe('select 1');
    expect(statementText('select 1 /* c */', { location: 0, length: 0 })).toBe('select 1');
  });

  it('returns nothing for a span holding only comments', () => {
    expect(statementText('-- c\n/* d */', { location: 0, length: undefined })).toBe('');
  });
});
