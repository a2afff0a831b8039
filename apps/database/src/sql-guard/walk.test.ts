import { describe, expect, it } from 'vitest';
import { parseStatement } from './test-support.ts';
import { collectNodes, stringList, unwrapNode, walkAst } from './walk.ts';

describe('walkAst', () => {
  it('visits every node, at any depth, with its type', async () => {
    const statement = await parseStatement(
      'select a from t join u on t.id = (select max(x) from v where v.y in (select lower(z) from w))',
    );
    const types: string[] = [];
    walkAst({ [statement.type]: statement.fields }, (node) => types.push(node.type));
    expect(types.filter((t) => t === 'SelectStmt')).toHaveLength(3);
    expect(types.filter((t) => t === 'RangeVar')).toHaveLength(4);
    expect(types.filter((t) => t === 'FuncCall')).toHaveLength(2);
  });

  it('types the fields stored without a wrapper (UNION arms, WITH, window, alias)', async () => {
    const statement = await parseStatement(
      'with c as (select 1) select count(*) over (partition by a) from t as x union all select 2',
    );
    const types = new Set<string>();
    walkAst({ [statement.type]: statement.fields }, (node) => types.add(node.type));
    for (const type of ['WithClause', 'CommonTableExpr', 'WindowDef', 'Alias'])
      expect(types.has(type)).toBe(true);
    // the two UNION arms are SelectStmts of their own
    expect(collectNodes({ [statement.type]: statement.fields }, 'SelectStmt')).toHaveLength(4);
  });

  it('reports the path of ancestors with the field followed', async () => {
    const statement = await parseStatement('select 1 from t where exists (select 1 from u)');
    const [inner] = collectNodes({ [statement.type]: statement.fields }, 'RangeVar').filter(
      (found) => found.node.fields.relname === 'u',
    );
    expect(inner?.ancestors.map((step) => `${step.node.type}.${step.field}`)).toEqual([
      'SelectStmt.whereClause',
      'SubLink.subselect',
      'SelectStmt.fromClause',
    ]);
  });
});

describe('unwrapNode and stringList', () => {
  it('unwraps { Type: fields } and nothing else', () => {
    expect(unwrapNode({ String: { sval: 'x' } })).toEqual({ type: 'String', fields: { sval: 'x' } });
    expect(unwrapNode({ ival: { ival: 1 } })).toBeUndefined();
    expect(unwrapNode({ A: {}, B: {} })).toBeUndefined();
    expect(unwrapNode([{ String: {} }])).toBeUndefined();
  });

  it('reads names from String lists and marks anything else', () => {
    expect(stringList([{ String: { sval: 'pg_catalog' } }, { String: { sval: 'lower' } }])).toEqual([
      'pg_catalog',
      'lower',
    ]);
    expect(stringList([{ String: { sval: 't' } }, { A_Star: {} }])).toEqual(['t', undefined]);
    expect(stringList(undefined)).toEqual([]);
  });
});
