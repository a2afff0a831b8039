import { describe, expect, it } from 'vitest';
import { levelOf } from '../entry.ts';
import { ERROR_MARKER, ERROR_PREFILTER } from './prefilter.ts';

// The rule as the previous scanner applied it, byte by byte over each line: the WebAssembly pass plus the exact
// rule must keep exactly the lines this keeps (no error line missed, no other line decoded for nothing).
function referenceKeeps(buf: Buffer, start: number, nl: number): boolean {
  let hasKey = false;
  for (let at = buf.indexOf('vel', start); at >= 0 && at < nl; at = buf.indexOf('vel', at + 1)) {
    if (buf[at - 1] !== 0x65 || buf[at - 2] !== 0x6c) continue;
    const next = at + 3;
    let value: number;
    if (buf[next] === 0x3d) value = next + 1;
    else if (buf[next] === 0x22 && buf[next + 1] === 0x3a && next + 2 <= nl) value = next + 2;
    else continue;
    hasKey = true;
    while (value < nl && (buf[value] === 0x20 || buf[value] === 0x22)) value++;
    if ('iIdDwWtTnNvV1234'.includes(String.fromCharCode(buf[value] as number))) continue;
    let end = value;
    while (end < nl && end - value < 12 && /[0-9A-Za-z]/.test(String.fromCharCode(buf[end] as number))) end++;
    const text = buf.toString('latin1', value, end);
    const level = levelOf(/^[0-9]/.test(text) ? Number(text) : text);
    if (level === 'error' || level === 'fatal') return true;
  }
  return !hasKey && ERROR_MARKER.test(buf.toString('latin1', start, nl));
}

function reference(buf: Buffer, start: number, lastNewline: number): { kept: string[]; lines: number } {
  const kept: string[] = [];
  let lines = 0;
  for (let from = start; from <= lastNewline; ) {
    const nl = buf.indexOf(0x0a, from);
    lines++;
    if (referenceKeeps(buf, from, nl)) kept.push(buf.toString('utf8', from, nl));
    from = nl + 1;
  }
  return { kept, lines };
}

function selected(buf: Buffer, start: number, lastNewline: number): { kept: string[]; lines: number } {
  const kept: string[] = [];
  const lines = ERROR_PREFILTER.select(buf, start, lastNewline, (b, s, e) =>
    kept.push(b.toString('utf8', s, e)),
  );
  return { kept, lines };
}

// Pieces that make or break the rule: level keys in every spelling, values of every kind, error words and their
// first three letters in every case, words that only share letters, quotes, spaces, non-ASCII text, CR.
const PIECES = [
  'level',
  'vel',
  'Level',
  'LEVEL',
  'log.level',
  '"level":',
  'level=',
  '"level": ',
  '"level":"',
  'level="',
  '"vel":',
  'lvl=',
  '"log":{"level":',
  ' ',
  '  ',
  '"',
  ':',
  '=',
  ',',
  '{',
  '}',
  '50',
  '5',
  '30',
  '60',
  '0',
  '050',
  '100',
  '4',
  '9',
  '5e3',
  'error',
  'ERROR',
  'Err',
  'eRr',
  'info',
  'warn',
  'fatal',
  'FATAL',
  'crit',
  'CRITICAL',
  'alert',
  'emerg',
  'emergency',
  'panic',
  'severe',
  'SEVERE',
  'sev',
  'pan',
  'ale',
  'eme',
  'cri',
  'fat',
  'er',
  'r',
  'e',
  'x',
  'company',
  'several',
  'element',
  'scale',
  'terrible',
  'é',
  'Ünïcødé',
  '日本',
  '\r',
  'msg',
  'trace=9f',
  '\t',
];

function corpus(seed: number, lines: number): Buffer {
  let n = seed;
  const next = (bound: number) => {
    n = (n * 1_103_515_245 + 12_345) % 2_147_483_648;
    return n % bound;
  };
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const count = 1 + next(14);
    let line = '';
    for (let k = 0; k < count; k++) line += PIECES[next(PIECES.length)];
    out.push(line);
  }
  return Buffer.from(`${out.join('\n')}\n`);
}

describe('the error prefilter', () => {
  it('keeps exactly the lines the byte-by-byte rule keeps, and counts every line', () => {
    const buf = corpus(7, 20_000);
    const expected = reference(buf, 0, buf.length - 1);
    expect(expected.kept.length).toBeGreaterThan(1_000);
    expect(expected.kept.length).toBeLessThan(19_000);
    expect(selected(buf, 0, buf.length - 1)).toEqual(expected);
  });

  it('does so for regions of any length and offset (the SIMD pass works 16 bytes at a time)', () => {
    const buf = corpus(11, 400);
    for (let start = 0; start < buf.length; ) {
      const last = buf.indexOf(0x0a, start + ((start * 7) % 97));
      if (last < 0) break;
      expect(selected(buf, start, last)).toEqual(reference(buf, start, last));
      start = last + 1;
    }
  });

  it('finds an error word in any case at any position of a 16-byte block, and nothing in a clean line', () => {
    for (const word of ['err', 'FATAL', 'Crit', 'aLeRt', 'EMERG', 'panic', 'Severe']) {
      for (let pad = 0; pad < 20; pad++) {
        const line = `${'.'.repeat(pad)}${word}`;
        const buf = Buffer.from(`ok line\n${line}\nlevel=info ${word}\n`);
        expect(selected(buf, 0, buf.length - 1)).toEqual({ kept: [line], lines: 3 });
      }
    }
    const clean = Buffer.from('request completed status=200 duration_ms=12\n');
    expect(selected(clean, 0, clean.length - 1)).toEqual({ kept: [], lines: 1 });
  });

  it('reads a case-insensitive ASCII word the same on every byte: no other latin1 character folds onto one', () => {
    // Why `| 0x20` is exact for the markers: /i without the u flag never maps a non-ASCII character to ASCII.
    for (let byte = 0; byte < 256; byte++) {
      const char = String.fromCharCode(byte);
      for (const letter of 'erfatlcimpnsv') {
        expect(new RegExp(letter, 'i').test(char)).toBe((byte | 0x20) === letter.charCodeAt(0));
      }
    }
  });
});
