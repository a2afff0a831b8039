import { describe, expect, it } from 'vitest';
import { parsePpl } from './ppl.ts';

describe('parsePpl', () => {
  it('reads source= (or search source= with its expression) and caps the rows with head', () => {
    const q = parsePpl('search source=`logs-a`, logs-b* status=500 | fields a, b');
    expect(q.indices).toEqual(['logs-a', 'logs-b*']);
    expect(q.build(['logs-a', 'logs-b1'], 10)).toBe(
      'source=logs-a,logs-b1 status=500 | fields a, b | head 10',
    );
  });

  it('refuses other sources, joins, lookups and subsearches', () => {
    expect(() => parsePpl('source=a | join b')).toThrow(/JOIN is not allowed/);
    expect(() => parsePpl('source=a | lookup b id')).toThrow(/LOOKUP is not allowed/);
    expect(() => parsePpl('source=a | where x in [ source=b ]')).toThrow(/subsearches/);
    expect(() => parsePpl('search source=a index=b')).toThrow(/once, in source=/);
    expect(() => parsePpl('describe a')).toThrow(/starts with source=/);
  });
});
