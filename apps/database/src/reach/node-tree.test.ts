import { describe, expect, it } from 'vitest';
import { constText, parseNodeTree, treeList, walkTree } from './node-tree.ts';

describe('parseNodeTree', () => {
  it('reads nodes, lists, nulls, escaped tokens and datums', () => {
    const tree = parseNodeTree(
      '({QUERY :commandType 1 :utilityStmt <> :rtable ({RANGETBLENTRY :eref {ALIAS :aliasname \\*GROUP\\* :colnames ("id" "?column?")} :rtekind 0 :relid 16384}) :targetList ({TARGETENTRY :expr {CONST :consttype 23 :constisnull false :constvalue 4 [ 2 0 0 0 0 0 0 0 ]} :resno 1 :resname k :resjunk false}) :cols (i 1 2)})',
    );
    expect(Array.isArray(tree)).toBe(true);
    const query = (tree as unknown[])[0] as Record<string, unknown>;
    expect(query.node).toBe('QUERY');
    expect(query.utilityStmt).toBeNull();
    expect(query.cols).toEqual([1, 2]);
    const rte = treeList(query as never, 'rtable')[0] as Record<string, unknown>;
    expect(rte).toMatchObject({ node: 'RANGETBLENTRY', rtekind: 0, relid: 16384 });
    expect((rte.eref as Record<string, unknown>).aliasname).toBe('*GROUP*');
    expect((rte.eref as Record<string, unknown>).colnames).toEqual(['id', '?column?']);
    const types: string[] = [];
    walkTree(tree, (node) => types.push(node.node));
    expect(types).toEqual(['QUERY', 'RANGETBLENTRY', 'ALIAS', 'TARGETENTRY', 'CONST']);
  });

  it('decodes text constants with either varlena header', () => {
    // 4-byte header: length 4 + 3 bytes = 7, stored as 7 << 2 = 28.
    const long = parseNodeTree(
      '{CONST :consttype 25 :constisnull false :constvalue 7 [ 28 0 0 0 97 98 99 ]}',
    );
    expect(constText(long as never)).toBe('abc');
    // 1-byte header: length 1 + 3 = 4, stored as 4 << 1 | 1 = 9.
    const short = parseNodeTree('{CONST :consttype 25 :constisnull false :constvalue 4 [ 9 97 98 99 ]}');
    expect(constText(short as never)).toBe('abc');
    const nullConst = parseNodeTree('{CONST :consttype 25 :constisnull true :constvalue <>}');
    expect(constText(nullConst as never)).toBeUndefined();
    const integer = parseNodeTree(
      '{CONST :consttype 23 :constisnull false :constvalue 4 [ 2 0 0 0 0 0 0 0 ]}',
    );
    expect(constText(integer as never)).toBeUndefined();
  });

  it('refuses text that is not one tree', () => {
    expect(() => parseNodeTree('{QUERY :a 1')).toThrow(/ended early/);
    expect(() => parseNodeTree('{A} {B}')).toThrow(/after the first value/);
  });
});
