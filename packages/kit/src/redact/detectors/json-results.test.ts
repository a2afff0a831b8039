import { describe, expect, it } from 'vitest';
import { expectKept, redact } from '../test-expect.ts';

describe('column-wise results printed as JSON', () => {
  it('redacts the cells of a password and a phone column, and nothing else', () => {
    const json =
      '{"columns":["id","user","password","mobile"],"rows":[[1,"bob","Tr0ub4dor3x","+44 20 7946 0958"],[2,"amy",null,"4155552671"]]}';
    expect(redact(json).text).toBe(
      '{"columns":["id","user","password","mobile"],"rows":[[1,"bob","[REDACTED:secret_assignment]","[REDACTED:phone]"],[2,"amy",null,"[REDACTED:phone]"]]}',
    );
  });

  it('reads column objects, rows under "data", blanks and line breaks, and a number cell', () => {
    const json =
      '{\n  "columns": [ {"name": "name", "type": "varchar"}, {"name": "national_id", "type": "bigint"} ],\n  "stats": {"state": "FINISHED"},\n  "data": [\n    ["Anna", 536272810],\n    ["Lukas", 771923456]\n  ]\n}';
    expect(redact(json).text).toBe(
      '{\n  "columns": [ {"name": "name", "type": "varchar"}, {"name": "national_id", "type": "bigint"} ],\n  "stats": {"state": "FINISHED"},\n  "data": [\n    ["Anna", [REDACTED:national_id]],\n    ["Lukas", [REDACTED:national_id]]\n  ]\n}',
    );
  });

  it('keeps escaped quotes inside a cell within its redaction', () => {
    expect(redact('{"columns":["db_password"],"rows":[["pa\\"ss-w0rd!x"]]}').text).toBe(
      '{"columns":["db_password"],"rows":[["[REDACTED:secret_assignment]"]]}',
    );
  });

  it.each([
    ['a result without such columns', '{"columns":["id","note"],"rows":[[1,"Tr0ub4dor3x"]]}'],
    ['a row of another width', '{"columns":["id","password"],"rows":[[1]]}'],
    ['a placeholder cell', '{"columns":["password"],"rows":[["********"]]}'],
    ['columns that are not names', '{"columns":[1,2],"rows":[["Tr0ub4dor3x","x"]]}'],
    ['a nested cell', '{"columns":["password"],"rows":[[{"v":"Tr0ub4dor3x"}]]}'],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });
});
