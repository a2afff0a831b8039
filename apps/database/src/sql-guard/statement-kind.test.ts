import { describe, expect, it } from 'vitest';
import { classifyStatement, explainAnalyzes, statementLabel } from './statement-kind.ts';
import { parseStatement } from './test-support.ts';

async function classify(sql: string, allowExplainAnalyze = false) {
  return classifyStatement(await parseStatement(sql), { allowExplainAnalyze });
}

describe('classifyStatement', () => {
  it('names the read kinds', async () => {
    expect(await classify('select 1')).toMatchObject({ ok: true, kind: 'select', analyze: false });
    expect(await classify('select * from t')).toMatchObject({ ok: true, kind: 'select' });
    expect(await classify('values (1), (2)')).toMatchObject({ ok: true, kind: 'values' });
    expect(await classify('TABLE t')).toMatchObject({ ok: true, kind: 'table' });
    expect(await classify('table public.t')).toMatchObject({ ok: true, kind: 'table' });
    expect(await classify('select 1 union select 2')).toMatchObject({ ok: true, kind: 'select' });
    expect(await classify('with x as (select 1) select * from x')).toMatchObject({
      ok: true,
      kind: 'select',
    });
    expect(await classify('show search_path')).toMatchObject({ ok: true, kind: 'show' });
    expect(await classify('explain select 1')).toMatchObject({ ok: true, kind: 'explain', analyze: false });
  });

  it.each([
    ['insert into t values (1)', 'INSERT'],
    ['update t set a = 1', 'UPDATE'],
    ['delete from t', 'DELETE'],
    ['merge into t using u on t.id = u.id when matched then delete', 'MERGE'],
    ['commit', 'transaction'],
    ['rollback', 'transaction'],
    ['begin read write', 'transaction'],
    ['set statement_timeout = 0', 'SET/RESET'],
    ['reset all', 'SET/RESET'],
    ["copy t to '/tmp/out'", 'COPY'],
    ['copy (select 1) to program $$id$$', 'COPY'],
    ['do $$ begin perform 1; end $$', 'DO block'],
    ['call p()', 'CALL'],
    ['create table x (a int)', 'CREATE TABLE'],
    ['create table x as select 1', 'CREATE TABLE AS'],
    ['drop table t', 'DROP'],
    ['truncate t', 'TRUNCATE'],
    ['lock table t', 'LOCK'],
    ['vacuum t', 'VACUUM'],
    ["load '/tmp/evil.so'", 'LOAD'],
    ['prepare p as select 1', 'PREPARE'],
    ['execute p', 'EXECUTE'],
    ['declare c cursor for select 1', 'DECLARE CURSOR'],
    ['listen x', 'LISTEN'],
    ["notify x, 'y'", 'NOTIFY'],
    ['discard all', 'DISCARD'],
    ['grant select on t to public', 'GRANT'],
    ["alter system set work_mem = '1GB'", 'ALTER SYSTEM'],
    ['checkpoint', 'CHECKPOINT'],
    ['refresh materialized view v', 'REFRESH MAT VIEW'],
  ])('refuses %s as not a read, naming it', async (sql, label) => {
    const verdict = await classify(sql);
    expect(verdict).toMatchObject({ ok: false, code: 'sql_not_read_only' });
    expect(verdict.ok ? '' : verdict.reason).toContain(label);
    expect(verdict.ok ? '' : verdict.reason).toMatch(/^refused: .* is not a read; only SELECT/);
  });
});

describe('SHOW', () => {
  it('allows harmless settings', async () => {
    for (const sql of [
      'show search_path',
      'SHOW server_version',
      'show time zone',
      'show transaction isolation level',
      'show "TimeZone"',
      'show work_mem',
    ]) {
      expect(await classify(sql)).toMatchObject({ ok: true, kind: 'show' });
    }
  });

  it('refuses SHOW ALL and settings that reveal paths or internals', async () => {
    for (const sql of [
      'show all',
      'show data_directory',
      'show config_file',
      'show hba_file',
      'show ssl_key_file',
      'show shared_preload_libraries',
      'show "search_path "',
      'show "DATA_DIRECTORY"',
      'show "ALL"',
    ]) {
      expect(await classify(sql)).toMatchObject({ ok: false, code: 'sql_not_read_only' });
    }
    const verdict = await classify('show data_directory');
    expect(verdict.ok ? '' : verdict.reason).toMatch(/^refused: SHOW data_directory is not on the list/);
  });
});

describe('EXPLAIN', () => {
  it('allows EXPLAIN of reads, with options', async () => {
    for (const sql of [
      'explain select 1',
      'explain (costs off, verbose) select * from t',
      'explain values (1)',
      'explain table t',
      'explain (format json) with x as (select 1) select * from x',
    ]) {
      expect(await classify(sql)).toMatchObject({ ok: true, kind: 'explain', analyze: false });
    }
  });

  it('refuses EXPLAIN ANALYZE unless allowed, in every spelling', async () => {
    for (const sql of [
      'explain analyze select 1',
      'explain analyse select 1',
      'explain (analyze) select 1',
      'explain (analyze true) select 1',
      'explain (analyze on, buffers) select 1',
      'explain (analyze 1) select 1',
      'explain (analyze false, analyze) select 1',
    ]) {
      expect(await classify(sql)).toMatchObject({ ok: false, code: 'sql_explain_analyze' });
      expect(await classify(sql, true)).toMatchObject({ ok: true, kind: 'explain', analyze: true });
    }
  });

  it('treats ANALYZE switched off as a plain EXPLAIN', async () => {
    for (const sql of [
      'explain (analyze false) select 1',
      'explain (analyze off) select 1',
      'explain (analyze 0) select 1',
      'explain (analyze, analyze off) select 1',
    ]) {
      expect(await classify(sql)).toMatchObject({ ok: true, analyze: false });
    }
  });

  it('refuses EXPLAIN of a write, even without ANALYZE and even when ANALYZE is allowed', async () => {
    for (const sql of [
      'explain delete from t',
      'explain insert into t values (1)',
      'explain update t set a = 1',
      'explain create table x as select 1',
      'explain execute p',
    ]) {
      expect(await classify(sql)).toMatchObject({ ok: false, code: 'sql_not_read_only' });
    }
    const analyzed = await classify('explain analyze delete from t', true);
    expect(analyzed).toMatchObject({ ok: false, code: 'sql_not_read_only' });
    expect(analyzed.ok ? '' : analyzed.reason).toBe(
      'refused: EXPLAIN of DELETE (with ANALYZE it would be executed): only SELECT, VALUES, TABLE, EXPLAIN of those, and SHOW are allowed',
    );
  });

  it('hands back the explained statement for the other checks', async () => {
    const verdict = await classify('explain select * from t');
    expect(verdict.ok && verdict.read.type).toBe('SelectStmt');
    expect(explainAnalyzes(await parseStatement('explain (verbose) select 1'))).toBe(false);
  });
});

describe('statementLabel', () => {
  it('names statements the way people write them', () => {
    expect(statementLabel('InsertStmt')).toBe('INSERT');
    expect(statementLabel('CreateStmt')).toBe('CREATE TABLE');
    expect(statementLabel('AlterTableStmt')).toBe('ALTER TABLE');
    expect(statementLabel('constructor')).toBe('CONSTRUCTOR');
  });
});
