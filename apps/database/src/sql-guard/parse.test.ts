import { loadModule, parseSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_SQL_LENGTH, parseSingleStatement } from './parse.ts';

async function refusalCode(sql: string): Promise<string | undefined> {
  const parsed = await parseSingleStatement(sql);
  return parsed.ok ? undefined : parsed.code;
}

async function text(sql: string): Promise<string> {
  const parsed = await parseSingleStatement(sql);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.text;
}

/** The parse tree without positions, to compare a statement with itself embedded somewhere else. */
function shape(tree: unknown): string {
  return JSON.stringify(tree, (key, value) => (key === 'location' ? undefined : value));
}

describe('parseSingleStatement', () => {
  beforeAll(() => loadModule());

  it('accepts one statement, with or without a trailing semicolon', async () => {
    const parsed = await parseSingleStatement('select 1;');
    expect(parsed).toMatchObject({ ok: true, statement: { type: 'SelectStmt' }, text: 'select 1' });
    expect(await text('select 1;;')).toBe('select 1');
  });

  it('refuses stacked statements, however they are hidden', async () => {
    expect(await refusalCode('select 1; select 2')).toBe('sql_multiple_statements');
    expect(await refusalCode('select 1; -- just a comment\ndelete from t')).toBe('sql_multiple_statements');
    expect(await refusalCode('select 1 /* ; */ ; commit')).toBe('sql_multiple_statements');
    expect(await refusalCode('select $$x$$; drop table t; select $$y$$')).toBe('sql_multiple_statements');
    expect(await refusalCode('select 1;\n\n  rollback;')).toBe('sql_multiple_statements');
    const parsed = await parseSingleStatement('select 1; select 2; select 3');
    expect(parsed.ok ? '' : parsed.reason).toMatch(/^refused: found 3 statements/);
  });

  it('lets the parser decide: a ; inside a string, identifier, comment or $$ is not a separator', async () => {
    expect(await text("select ';' as x")).toBe("select ';' as x");
    expect(await text('select 1 as ";"')).toBe('select 1 as ";"');
    expect(await text('select 1 /* ; drop table t; */')).toBe('select 1');
    expect(await text('select $$; drop table t; $$')).toBe('select $$; drop table t; $$');
    expect(await text('select $tag$ $$; delete from t $tag$')).toBe('select $tag$ $$; delete from t $tag$');
    expect(await text("select E'\\'; drop table t; --'")).toBe("select E'\\'; drop table t; --'");
  });

  it('refuses what does not parse, saying where', async () => {
    const parsed = await parseSingleStatement('select from where');
    expect(parsed).toMatchObject({ ok: false, code: 'sql_syntax' });
    expect(parsed.ok ? '' : parsed.reason).toMatch(
      /^refused: the SQL does not parse: syntax error at or near "where" \(at character \d+\)/,
    );
    expect(await refusalCode("select 'unterminated")).toBe('sql_syntax');
    expect(await refusalCode('select 1 /* unterminated comment')).toBe('sql_syntax');
    expect(await refusalCode('\\! rm -rf /')).toBe('sql_syntax');
  });

  it('refuses empty input and comment-only input', async () => {
    expect(await refusalCode('')).toBe('sql_syntax');
    expect(await refusalCode('  \n ')).toBe('sql_syntax');
    expect(await refusalCode('-- nothing here')).toBe('sql_syntax');
    expect(await refusalCode(';;')).toBe('sql_syntax');
  });

  it('refuses a NUL character, which would hide the rest of the text from the parser', async () => {
    expect(await refusalCode('select 1\0; drop table t')).toBe('sql_syntax');
  });

  it('refuses SQL over the length limit before parsing it', async () => {
    const long = `select ${'1+'.repeat(MAX_SQL_LENGTH / 2)}1`;
    const parsed = await parseSingleStatement(long);
    expect(parsed).toMatchObject({ ok: false, code: 'sql_too_long' });
    expect(parsed.ok ? '' : parsed.reason).toContain(`limit is ${MAX_SQL_LENGTH}`);
    expect((await parseSingleStatement(`select '${'x'.repeat(MAX_SQL_LENGTH - 20)}'`)).ok).toBe(true);
  });
});

describe('statement text (normalizedSql)', () => {
  it('drops leading and trailing comments and the semicolon', async () => {
    expect(await text('-- why\n  /* what */ select 1 -- trailing')).toBe('select 1');
    expect(await text('select 1 /* trailing */ ;  -- after')).toBe('select 1');
    expect(await text('select 1 -- no newline at the end')).toBe('select 1');
  });

  it('keeps comments inside the statement, which are followed by more tokens', async () => {
    expect(await text('select 1 -- one\n, 2')).toBe('select 1 -- one\n, 2');
  });

  it('slices by bytes, so text with multi-byte characters is cut exactly', async () => {
    expect(await text('/* é */ select \'ü€😀\' as "naïve" -- ñ')).toBe('select \'ü€😀\' as "naïve"');
  });

  it('can be wrapped as a subquery without the wrapper being swallowed or changed', async () => {
    for (const sql of [
      'select * from t -- a trailing comment swallows a closing parenthesis',
      "select 'x' /* c */ from t order by 1 -- c",
      'values (1), (2) -- c',
      'table t -- c',
      'with x as (select 1) select * from x;  -- c',
    ]) {
      const inner = await text(sql);
      for (const wrapper of [
        `SELECT * FROM (${inner}) AS q LIMIT 5`,
        `SELECT * FROM (\n${inner}\n) AS q LIMIT 5`,
      ]) {
        const wrapped = parseSync(wrapper).stmts ?? [];
        expect(wrapped).toHaveLength(1);
        const select = wrapped[0]?.stmt as {
          SelectStmt: { limitCount?: unknown; fromClause: [{ RangeSubselect: { subquery: unknown } }] };
        };
        expect(select.SelectStmt.limitCount).toBeDefined();
        const original = parseSync(sql).stmts?.[0]?.stmt;
        expect(shape(select.SelectStmt.fromClause[0].RangeSubselect.subquery)).toBe(shape(original));
      }
    }
  });
});
