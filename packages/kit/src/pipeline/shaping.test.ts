import { describe, expect, it } from 'vitest';
import { notesGate } from '../../test/fixtures.ts';
import { createRedactor, type RedactionCounts } from '../redact/index.ts';
import { fitText, redactKeys, shapeValue } from './shaping.ts';

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

const TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
const redactor = createRedactor();
const redactText = (text: string, counts: RedactionCounts) => redactor.redactText(text, counts);

describe('redactKeys', () => {
  it('strips and redacts every key at any depth, counting each occurrence, leaving values to redactValue', () => {
    const counts: RedactionCounts = {};
    const value = {
      [TOKEN]: 'value kept here',
      rows: [{ [`x ${TOKEN.slice(0, 9)}\u200B${TOKEN.slice(9)}`]: TOKEN }, { [TOKEN]: 2 }],
      plain: { a: 1 },
    };
    const out = redactKeys(value, redactText, counts);
    expect(out).toEqual({
      '[REDACTED:github_token]': 'value kept here',
      rows: [{ 'x [REDACTED:github_token]': TOKEN }, { '[REDACTED:github_token]': 2 }],
      plain: { a: 1 },
    });
    expect(counts).toEqual({ github_token: 3 });
    expect(value.rows[0]).toHaveProperty([`x ${TOKEN.slice(0, 9)}\u200B${TOKEN.slice(9)}`]); // the input is not changed
  });

  it('keeps two keys that redact to the same text, in order', () => {
    const other = `ghp_${'Z9y8X7w6V5'.repeat(3)}fedcba`;
    const out = redactKeys({ [TOKEN]: 1, [other]: 2, b: 3 }, redactText, {});
    expect(Object.entries(out)).toEqual([
      ['[REDACTED:github_token]', 1],
      ['[REDACTED:github_token] (2)', 2],
      ['b', 3],
    ]);
  });

  it('walks values nested far deeper than the call stack allows, and cuts cycles', () => {
    let deep: Record<string, unknown> = { [TOKEN]: 'bottom' };
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    let out = redactKeys(deep, redactText, {}) as Record<string, unknown>;
    for (let i = 0; i < 100_000; i++) out = out.d as Record<string, unknown>;
    expect(out).toEqual({ '[REDACTED:github_token]': 'bottom' });

    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redactKeys(cyclic, redactText, {})).toEqual({ a: 1, self: '[Circular]' });
  });

  it('keeps __proto__ as an own key and reads toJSON as the wire would', () => {
    const parsed = JSON.parse('{"__proto__": {"x": 1}}') as object;
    const out = redactKeys(parsed, redactText, {}) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(redactKeys({ at: new Date(0) }, redactText, {})).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });
});

describe('shapeValue with keys', () => {
  it('redacts a secret held in a key, and recognises a sensitive field name split by a zero-width space', () => {
    const { gate } = notesGate();
    const counts: RedactionCounts = {};
    const out = shapeValue(gate, { [TOKEN]: 'x', 'pass\u200Bword': 'hunter2' }, counts);
    expect(out).toEqual({ '[REDACTED:github_token]': 'x', password: '[REDACTED:field]' });
    expect(counts).toMatchObject({ github_token: 1, field: 1 });
  });

  it('copies nothing when no key changes', () => {
    const value = { a: [{ b: 1 }], c: { d: 'e' } };
    expect(redactKeys(value, redactText, {})).toBe(value);
  });
});
