import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { LinePrefilter } from './prefilter.ts';

const NEWLINE = 0x0a;
const CR = 0x0d;

export interface LineScanOptions {
  /** Lines longer than this are skipped (counted in `oversized`): memory stays bounded whatever the file holds. */
  readonly maxLineBytes: number;
  readonly signal?: AbortSignal;
  /** Which lines are decoded and handed on, decided on the raw bytes (an error scan skips the info lines). */
  readonly prefilter?: LinePrefilter;
}

export interface LineScanStats {
  lines: number;
  bytes: number;
  oversized: number;
  /** The file ended without a newline: its last line may still be being written. */
  partialLastLine: boolean;
}

const CHUNK = 1 << 20;

/**
 * The file's bytes, gunzipped when it is gzip'd (by name: rotated `app.log.2.gz`). A plain file is read into one
 * buffer used again for every chunk, so a scan allocates nothing per chunk (a fresh megabyte per read was most
 * of the scan's garbage and of its peak memory): each chunk is valid only until the next one is asked for.
 */
export function openLogFile(path: string, signal?: AbortSignal): AsyncIterable<Buffer> {
  if (!path.endsWith('.gz')) return readReusing(path, signal);
  const raw = createReadStream(path, { highWaterMark: CHUNK, ...(signal ? { signal } : {}) });
  const gunzip = createGunzip({ chunkSize: CHUNK });
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}

async function* readReusing(path: string, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Calls `onLine` for every line of the file (or, with a prefilter, every line it keeps), streaming: at most
 * one chunk and one line are held at a time. `last` is true for a final line with no newline after it.
 */
export async function scanLines(
  path: string,
  options: LineScanOptions,
  onLine: (line: string, last: boolean) => void,
): Promise<LineScanStats> {
  const stats: LineScanStats = { lines: 0, bytes: 0, oversized: 0, partialLastLine: false };
  const { maxLineBytes, prefilter, signal } = options;
  let carry: Buffer | undefined;
  let skipping = false; // inside an oversized line, until its newline
  const emit = (buf: Buffer, start: number, end: number, last: boolean) => {
    let stop = end;
    if (stop > start && buf[stop - 1] === CR) stop--;
    if (stop - start > maxLineBytes) {
      stats.oversized++;
      return;
    }
    onLine(buf.toString('utf8', start, stop), last);
  };
  const lines = (buf: Buffer, start: number, lastNewline: number) =>
    prefilter
      ? prefilter.select(buf, start, lastNewline, (b, s, e) => emit(b, s, e, false))
      : eachLine(buf, start, lastNewline, emit);
  for await (const chunk of openLogFile(path, signal)) {
    signal?.throwIfAborted();
    stats.bytes += chunk.length;
    const buf: Buffer = chunk;
    let start = 0;
    if (skipping) {
      const nl = buf.indexOf(NEWLINE);
      if (nl < 0) continue;
      skipping = false;
      start = nl + 1;
    } else if (carry) {
      // The line cut by the previous chunk: joined with its end alone, never the whole chunk copied.
      const nl = buf.indexOf(NEWLINE);
      if (nl < 0) {
        carry = Buffer.concat([carry, buf]);
        if (carry.length > maxLineBytes) {
          stats.oversized++;
          stats.lines++;
          carry = undefined;
          skipping = true;
        }
        continue;
      }
      const joined = Buffer.concat([carry, buf.subarray(0, nl + 1)]);
      carry = undefined;
      stats.lines += lines(joined, 0, joined.length - 1);
      start = nl + 1;
    }
    const lastNewline = buf.lastIndexOf(NEWLINE);
    if (lastNewline >= start) {
      stats.lines += lines(buf, start, lastNewline);
      start = lastNewline + 1;
    }
    if (start < buf.length) {
      if (buf.length - start > maxLineBytes) {
        stats.oversized++;
        stats.lines++;
        skipping = true;
      } else {
        // Copied: the chunk's buffer is read into again.
        carry = Buffer.from(buf.subarray(start));
      }
    }
  }
  if (carry && carry.length > 0) {
    stats.lines++;
    stats.partialLastLine = true;
    emit(carry, 0, carry.length, true);
  } else if (skipping) stats.partialLastLine = true;
  return stats;
}

type Emit = (buf: Buffer, start: number, end: number, last: boolean) => void;

/** Every line in buf[start..lastNewline], each one emitted. */
function eachLine(buf: Buffer, start: number, lastNewline: number, emit: Emit): number {
  let count = 0;
  let from = start;
  while (from <= lastNewline) {
    const nl = buf.indexOf(NEWLINE, from);
    emit(buf, from, nl, false);
    count++;
    from = nl + 1;
  }
  return count;
}
