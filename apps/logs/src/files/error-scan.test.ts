import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { assembleErrorScan, ERROR_SCAN_MODULE, errorScanModule } from '../../scripts/error-scan-wasm.ts';
import { scanErrorCandidates } from './error-scan.ts';

const TRIGRAMS = ['err', 'fat', 'cri', 'ale', 'eme', 'pan', 'sev'];

/** What the WebAssembly pass must find, written plainly: a trigram in any case, or `vel` with a 0/5-9 value. */
function referenceCandidates(buf: Buffer, start: number, end: number): number[] {
  // Past the region's end the scan sees zeros.
  const byte = (i: number) => (i < end ? (buf[i] as number) : 0);
  const lower = (i: number) => String.fromCharCode(byte(i) | 0x20);
  const found: number[] = [];
  for (let p = start; p < end; p++) {
    const three = lower(p) + lower(p + 1) + lower(p + 2);
    if (TRIGRAMS.includes(three)) found.push(p);
    else if (three === 'vel') {
      let k = byte(p + 3) === 0x3d ? p + 4 : byte(p + 3) === 0x22 && byte(p + 4) === 0x3a ? p + 5 : -1;
      if (k < 0) continue;
      while (k < end && (byte(k) === 0x20 || byte(k) === 0x22)) k++;
      if (k >= end || byte(k) === 0x30 || (byte(k) >= 0x35 && byte(k) <= 0x39)) found.push(p);
    }
  }
  return found;
}

function candidates(buf: Buffer, start: number, end: number): { at: number[]; newlines: number } {
  const at: number[] = [];
  const newlines = scanErrorCandidates(buf, start, end, (p) => {
    at.push(p);
    return p + 1;
  });
  return { at, newlines };
}

const newlinesIn = (buf: Buffer, start: number, end: number) =>
  buf.subarray(start, end).reduce((n, byte) => n + (byte === 0x0a ? 1 : 0), 0);

describe('the error scan (WebAssembly)', () => {
  it('is the assembly of error-scan.wat (run apps/logs/scripts/error-scan-wasm.ts after editing it)', async () => {
    expect(await readFile(ERROR_SCAN_MODULE, 'utf8')).toBe(errorScanModule(await assembleErrorScan()));
  });

  it('finds every trigram in every case at every offset, and the level keys whose value may be 50 or more', () => {
    const parts: string[] = [];
    for (const trigram of [...TRIGRAMS, 'vel']) {
      for (let mask = 0; mask < 8; mask++) {
        parts.push([...trigram].map((c, i) => (mask & (1 << i) ? c.toUpperCase() : c)).join(''));
      }
    }
    const values = ['=50', '=30', '":60', '":"5', '": "0', '=" 9', '=1', '":"error"', ':50', '=', '":'];
    let text = '';
    for (let i = 0; i < 3_000; i++) {
      text += `${'abcdxyz .,"=:01234567\n'.slice(0, (i * 7) % 23)}${parts[i % parts.length]}${values[i % values.length]}`;
    }
    const buf = Buffer.from(text);
    for (const [start, end] of [
      [0, buf.length],
      [5, buf.length - 3],
      [17, 18],
      [100, 131],
    ] as const) {
      expect(candidates(buf, start, end)).toEqual({
        at: referenceCandidates(buf, start, end),
        newlines: newlinesIn(buf, start, end),
      });
    }
  });

  it('finds nothing in text without the trigrams, and grows its memory for a region larger than a page', () => {
    const buf = Buffer.from(
      'request completed status=200 duration_ms=12 route=/v1/invoices/7\n'.repeat(3_000),
    );
    expect(candidates(buf, 0, buf.length)).toEqual({ at: [], newlines: 3_000 });
    const late = Buffer.concat([buf, Buffer.from('then a FATAL one\n')]);
    expect(candidates(late, 0, late.length).at).toEqual([buf.length + 7]);
  });
});
