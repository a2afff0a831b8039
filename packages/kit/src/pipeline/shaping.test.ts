import { describe, expect, it } from 'vitest';
import { notesGate } from '../../test/fixtures.ts';
import { fitText, shapeValue } from './shaping.ts';

describe('fitText', () => {
  it('leaves text within the budget alone', () => {
    expect(fitText('short', 100)).toEqual({ text: 'short', cutBytes: 0 });
  });

  it('cuts by UTF-8 bytes without splitting a character', () => {
    const { text, cutBytes } = fitText('漢'.repeat(100), 100);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^漢+$/);
    expect(cutBytes).toBe(300 - Buffer.byteLength(text, 'utf8'));
  });

  it('closes a fence the cut would leave open', () => {
    const fenced = `<untrusted-data source="x">\n${'a'.repeat(500)}\n</untrusted-data>`;
    const { text } = fitText(fenced, 200);
    expect(text.endsWith('\n</untrusted-data>')).toBe(true);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(200);
  });
});

describe('shapeValue', () => {
  it('strips invisible characters from keys and values and redacts values, leaving the input as it was', () => {
    const { gate } = notesGate();
    const input = {
      'na\u200Bme': 'ok\u202E',
      list: [{ 'k\u2066': 'ghp_0123456789abcdefghijABCDEFGHIJ012345' }],
    };
    const counts = {};
    const out = shapeValue(gate, input, counts);
    expect(out).toEqual({ name: 'ok', list: [{ k: '[REDACTED:github_token]' }] });
    expect(Object.keys(input)).toEqual(['na\u200Bme', 'list']);
    expect(counts).toMatchObject({ github_token: 1 });
  });
});
