import { ERROR_SCAN_WASM } from './error-scan-wasm.ts';

/**
 * The error scan's first pass, in WebAssembly with 128-bit SIMD (error-scan.wat): over a region of a file, the
 * places where a line may show that it is an error, found 16 bytes at a time. A candidate is
 * - the first three letters, in any case, of a word that names an error level (`err` fatal crit alert emerg panic
 *   severe, the words the plain-text marker looks for, and every error or fatal word levelOf knows holds one), or
 * - a level key (`vel=`, `vel":`) whose value, past spaces and quotes, starts with a digit 0 or 5-9: every value
 *   levelOf reads as 50 or more (pino's error and fatal) starts so.
 * So every line the exact rule (prefilter.ts) keeps holds a candidate; lines without one are never decoded, and a
 * candidate's line still goes through the exact rule.
 */
interface ErrorScanExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  scan(from: number, to: number): number;
  newlines(from: number, to: number): number;
}

/** The WebAssembly global, typed here: this package's TypeScript libraries (no DOM) do not declare it. */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: unknown };
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** Where a region is copied in the module's memory (bytes 0..63 are the module's own). */
const BASE = 64;
/** The scan reads up to 18 bytes past a region's end. */
const PAD = 64;
const PAGE = 65_536;

const wasm = new Instance(new Module(Buffer.from(ERROR_SCAN_WASM, 'base64'))).exports as ErrorScanExports;
let memory = new Uint8Array(wasm.memory.buffer);

/**
 * Calls `visit` with each candidate position in buf[start, end), in order; `visit` answers where to look next
 * (past the candidate's line). Answers how many newlines the region holds. The region is copied into the module's
 * memory, which grows to the largest region seen (a chunk and one line); `visit` must not start another scan.
 */
export function scanErrorCandidates(
  buf: Buffer,
  start: number,
  end: number,
  visit: (at: number) => number,
): number {
  const length = end - start;
  const needed = BASE + length + PAD;
  if (needed > wasm.memory.buffer.byteLength) {
    wasm.memory.grow(Math.ceil((needed - wasm.memory.buffer.byteLength) / PAGE));
    memory = new Uint8Array(wasm.memory.buffer);
  }
  memory.set(buf.subarray(start, end), BASE);
  const to = BASE + length;
  // Zeros after the region: what an earlier region left there cannot complete a trigram that starts inside it.
  memory.fill(0, to, to + PAD);
  const lines = wasm.newlines(BASE, to);
  for (let at = wasm.scan(BASE, to); at < to; ) {
    const next = visit(start + at - BASE);
    at = next >= end ? to : wasm.scan(BASE + next - start, to);
  }
  return lines;
}
