import { open, readdir, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import {
  type Bucket,
  entryMatches,
  type LogBackend,
  type LogQuery,
  type OriginInfo,
  type SampleResult,
  type ScanEstimate,
  type SearchPage,
  wordsOf,
} from '../backend.ts';
import type { LogEntry } from '../entry.ts';
import type { FieldMapping } from '../fields.ts';
import { type LineScanStats, scanLines } from './lines.ts';
import { NewestFirst } from './newest-first.ts';
import { type LineFormat, type LineParser, lineParser } from './parse.ts';
import { ERROR_PREFILTER } from './prefilter.ts';

export interface FileBackendOptions {
  readonly root: string;
  readonly format: LineFormat;
  readonly linePattern: RegExp;
  readonly fields: FieldMapping;
  readonly maxLineBytes: number;
  /** How far a service's clock may run ahead of the file's modification time (files are pruned by it). */
  readonly clockSkewMs: number;
  /** Added to every line's time (the embedded demo replays its committed days as if they ended now). */
  readonly shiftMs?: number;
}

/** A name that looks like a log file, rotated (`app.log.1`, `app.log.2.gz`, `app-2026-12-07.log`) or not. */
const LOG_FILE = /\.(log|ndjson|jsonl|json|txt)(\.\d+)?(\.gz)?$|\.log[.-][\w.-]+$/;

interface FileInfo {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  readonly modified: number;
}

/** Log files under one folder, read streaming: memory stays bounded by one chunk, one line and the page. */
export class FileBackend implements LogBackend {
  readonly kind = 'files';
  readonly #options: FileBackendOptions;
  readonly #parse: LineParser;

  constructor(options: FileBackendOptions) {
    this.#options = options;
    this.#parse = this.#parser([]);
  }

  /** A parser that also reads the fields a query filters on (only those: reading every field costs). */
  #parser(fields: readonly string[]): LineParser {
    return lineParser(this.#options.format, this.#options.fields, this.#options.linePattern, fields);
  }

  async origins(signal: AbortSignal): Promise<OriginInfo[]> {
    const files = await this.#files(signal);
    const infos: OriginInfo[] = [];
    for (const file of files) {
      const oldest = await this.#firstTime(file, signal);
      infos.push({
        name: file.name,
        kind: 'file',
        bytes: file.bytes,
        ...(oldest !== undefined ? { oldest } : {}),
        ...(this.#options.shiftMs ? {} : { newest: file.modified }),
      });
    }
    return infos;
  }

  async estimate(query: LogQuery, signal: AbortSignal): Promise<ScanEstimate> {
    let amount = 0;
    for (const file of await this.#candidates(query, signal)) amount += await uncompressedSize(file);
    return { unit: 'bytes', amount };
  }

  async search(
    query: LogQuery,
    page: { offset: number; limit: number; order: 'asc' | 'desc' },
    signal: AbortSignal,
  ): Promise<SearchPage> {
    const keep = new NewestFirst(page.offset + page.limit, page.order);
    let matched = 0;
    let cutShort = false;
    const files = await this.#candidates(query, signal);
    const warnings = new Warnings();
    for (const file of files) {
      // Newest first: once the page is full, a file last written before its oldest line holds nothing newer.
      const floor = keep.floor();
      if (page.order === 'desc' && floor !== undefined && this.#latestPossible(file) < floor) {
        cutShort = true;
        break;
      }
      warnings.add(
        file.name,
        await this.#scan(
          file,
          query,
          (entry) => {
            matched++;
            keep.offer(entry);
          },
          signal,
        ),
      );
    }
    return {
      entries: keep.sorted().slice(page.offset),
      matched,
      matchedIsLowerBound: cutShort,
      warnings: warnings.list(),
    };
  }

  async sample(
    query: LogQuery,
    maxDocs: number,
    visit: (entry: LogEntry) => void,
    signal: AbortSignal,
  ): Promise<SampleResult> {
    let visited = 0;
    let matched = 0;
    const warnings = await this.#scanAll(query, signal, (entry) => {
      matched++;
      if (visited < maxDocs) {
        visited++;
        visit(entry);
      }
    });
    return { visited, matched, complete: visited === matched, warnings };
  }

  async histogram(query: LogQuery, intervalMs: number, signal: AbortSignal) {
    const counts = new Array<number>(Math.max(1, Math.ceil((query.to - query.from) / intervalMs))).fill(0);
    const warnings = await this.#scanAll(query, signal, (entry) => {
      const at = Math.floor((entry.time - query.from) / intervalMs);
      counts[at] = (counts[at] ?? 0) + 1;
    });
    const buckets: Bucket[] = counts.map((count, i) => ({ start: query.from + i * intervalMs, count }));
    return { buckets, warnings };
  }

  /** Every matching line of every candidate file; an error-only query decodes only lines with an error marker. */
  async #scanAll(
    query: LogQuery,
    signal: AbortSignal,
    onMatch: (entry: LogEntry) => void,
  ): Promise<string[]> {
    const warnings = new Warnings();
    const onlyErrors = query.levels?.every((level) => level === 'error' || level === 'fatal') === true;
    for (const file of await this.#candidates(query, signal)) {
      warnings.add(file.name, await this.#scan(file, query, onMatch, signal, onlyErrors));
    }
    return warnings.list();
  }

  /** Every log file under the root, newest first by modification time. */
  async #files(signal: AbortSignal): Promise<FileInfo[]> {
    const { root } = this.#options;
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    signal.throwIfAborted();
    const files: FileInfo[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || !LOG_FILE.test(entry.name)) continue;
      const path = join(entry.parentPath, entry.name);
      const info = await stat(path);
      const name = path
        .slice(root.length + 1)
        .split(sep)
        .join('/');
      files.push({ name, path, bytes: info.size, modified: info.mtimeMs });
    }
    return files.sort((a, b) => b.modified - a.modified || a.name.localeCompare(b.name));
  }

  /** The query's files that can hold lines in its range, newest first. */
  async #candidates(query: LogQuery, signal: AbortSignal): Promise<FileInfo[]> {
    const wanted = new Set(query.origins);
    return (await this.#files(signal)).filter(
      (file) => wanted.has(file.name) && this.#latestPossible(file) >= query.from,
    );
  }

  /** The latest time a line of this file can carry: its last write, plus the clock skew allowed. */
  #latestPossible(file: FileInfo): number {
    // A replayed demo's files were written at checkout, not when their lines say: nothing can be pruned by age.
    if (this.#options.shiftMs) return Number.POSITIVE_INFINITY;
    return file.modified + this.#options.clockSkewMs;
  }

  async #scan(
    file: FileInfo,
    query: LogQuery,
    onMatch: (entry: LogEntry) => void,
    signal: AbortSignal,
    onlyErrors = false,
  ): Promise<FileScanStats> {
    const shift = this.#options.shiftMs ?? 0;
    const words = wordsOf(query.text);
    const parse = query.fields ? this.#parser(Object.keys(query.fields)) : this.#parse;
    let unparsed = 0;
    let partialUnreadable = false;
    const stats = await scanLines(
      file.path,
      {
        maxLineBytes: this.#options.maxLineBytes,
        signal,
        ...(onlyErrors ? { prefilter: ERROR_PREFILTER } : {}),
      },
      (line, last) => {
        if (line.length === 0) return;
        const parsed = parse(line, file.name);
        if (parsed === undefined) {
          if (last) partialUnreadable = true;
          else unparsed++;
          return;
        }
        const entry = shift === 0 ? parsed : { ...parsed, time: parsed.time + shift };
        if (entryMatches(entry, query, words)) onMatch(entry);
      },
    );
    return { ...stats, unparsed, partialUnreadable };
  }

  async #firstTime(file: FileInfo, signal: AbortSignal): Promise<number | undefined> {
    const controller = new AbortController();
    const stop = AbortSignal.any([signal, controller.signal]);
    let time: number | undefined;
    try {
      await scanLines(file.path, { maxLineBytes: this.#options.maxLineBytes, signal: stop }, (line) => {
        if (time !== undefined) return;
        const entry = this.#parse(line, file.name);
        if (entry) {
          time = entry.time + (this.#options.shiftMs ?? 0);
          controller.abort();
        }
      });
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
    return time;
  }
}

interface FileScanStats extends LineScanStats {
  unparsed: number;
  partialUnreadable: boolean;
}

/** What a scan could not read, per file, said once in the answer. */
class Warnings {
  readonly #lines: string[] = [];
  add(name: string, stats: FileScanStats): void {
    if (stats.unparsed > 0)
      this.#lines.push(`${name}: ${stats.unparsed} line(s) not readable in this source's format, skipped`);
    if (stats.oversized > 0)
      this.#lines.push(`${name}: ${stats.oversized} line(s) longer than maxLineBytes, skipped`);
    if (stats.partialUnreadable)
      this.#lines.push(`${name}: its last line is incomplete (still being written), skipped`);
  }
  list(): string[] {
    return this.#lines;
  }
}

/** A file's size as read: a gzip member's trailer holds its uncompressed size (mod 4 GiB). */
async function uncompressedSize(file: FileInfo): Promise<number> {
  if (!file.path.endsWith('.gz') || file.bytes < 18) return file.bytes;
  const handle = await open(file.path, 'r');
  try {
    const trailer = Buffer.alloc(4);
    await handle.read(trailer, 0, 4, file.bytes - 4);
    return Math.max(trailer.readUInt32LE(0), file.bytes);
  } finally {
    await handle.close();
  }
}
