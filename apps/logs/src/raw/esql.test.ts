import { describe, expect, it } from 'vitest';
import { parseEsql } from './esql.ts';

describe('parseEsql', () => {
  it('reads the indices of FROM (quoted or not, patterns too) and keeps METADATA and the commands', () => {
    const q = parseEsql('FROM "logs-a", logs-b* METADATA _index, _id | where x > 1 | Stats n = count(*)');
    expect(q.indices).toEqual(['logs-a', 'logs-b*']);
    expect(q.build(['logs-a', 'logs-b1'], 50)).toBe(
      'FROM logs-a, logs-b1 METADATA _index, _id | where x > 1 | Stats n = count(*) | LIMIT 50',
    );
  });

  it('refuses what it cannot be sure of, naming the command or name', () => {
    expect(() => parseEsql('FROM a | ENRICH p')).toThrow(/ENRICH is not allowed/);
    expect(() => parseEsql('FROM a | COMPLETION x')).toThrow(/COMPLETION is not allowed/);
    expect(() => parseEsql('FROM a,-b')).toThrow(/"-b" is not an index name/);
    expect(() => parseEsql('FROM <logs-{now/d}>')).toThrow(/not an index name/);
    expect(() => parseEsql('FROM a | WHERE x == "y')).toThrow(/unterminated strings/);
    expect(() => parseEsql('FROM a | /* | ENRICH p */ WHERE true')).toThrow(/comments/);
    expect(() => parseEsql('FROM a |')).toThrow(/empty commands/);
    expect(() => parseEsql('SHOW INFO')).toThrow(/starts with FROM/);
  });

  it('keeps a pipe inside a string or a triple-quoted string part of its command', () => {
    expect(parseEsql('FROM a | WHERE m == """x | ENRICH""" | KEEP m').build(['a'], 5)).toBe(
      'FROM a | WHERE m == """x | ENRICH""" | KEEP m | LIMIT 5',
    );
  });
});
