import { mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Appends lines to a file or descriptor in batches: lines go out together, in order, once 64 KiB are pending or
 * 10 ms after the first of them, so a busy server makes few system calls. `flush()` resolves once everything
 * written so far is on its way to the kernel; at process exit what is pending is written synchronously. A crash
 * (SIGKILL, power loss) can lose at most the last 10 ms of lines that nobody flushed.
 */
// System calls are the dearest part of a record on a busy server (a write per 16 KiB cost 5% of a call in bench/pipeline).
const BATCH_BYTES = 64 * 1024;
const BATCH_DELAY_MS = 10;
/**
 * Work that never yields to the event loop (a burst of calls answered in microtasks alone) never lets the batch go
 * out, and the pending lines would grow without bound: past this many bytes they are written on the spot.
 */
const SYNC_AFTER_BYTES = 4 * BATCH_BYTES;
/**
 * A descriptor we were given (stderr, by default) is often a non-blocking pipe, and a pipe whose reader is slow
 * answers EAGAIN: that is backpressure, not a broken sink, so the batch is tried again after a pause that grows to
 * MAX_RETRY_DELAY_MS. A reader that takes nothing while this much waits is treated as gone (the sink fails closed).
 */
const MAX_RETRY_DELAY_MS = 100;
const MAX_WAITING_BYTES = 32 * 1024 * 1024;
/** At process exit there is no event loop left to wait on: a full pipe is waited for this long, then given up. */
const EXIT_WAIT_MS = 2000;

export class LineWriter {
  readonly #fd: number;
  #pending: string[] = [];
  #writing = false;
  #scheduled = false;
  #failure: Error | undefined;
  #waiters: { upTo: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  #queued = 0;
  #written = 0;
  #pendingBytes = 0;
  #batches = 0;
  #timer: NodeJS.Timeout | undefined;
  /** A batch a full pipe refused part of, waiting for its retry: at exit it goes out before what is pending. */
  #stalled: { readonly buffer: Buffer; offset: number; readonly count: number } | undefined;
  readonly #onExit = () => this.#writePendingSync();

  constructor(destination: string | number) {
    if (typeof destination === 'number') {
      this.#fd = destination;
    } else {
      mkdirSync(dirname(destination), { recursive: true });
      this.#fd = openSync(destination, 'a');
    }
    process.on('exit', this.#onExit);
  }

  /** Stop writing at process exit (the owner flushed and is done with this writer). */
  detach(): void {
    process.off('exit', this.#onExit);
    clearTimeout(this.#timer);
  }

  get fd(): number {
    return this.#fd;
  }

  /** Writes that went out so far (each carries every line pending then). */
  get batches(): number {
    return this.#batches;
  }

  get failure(): Error | undefined {
    return this.#failure;
  }

  write(line: string): void {
    if (this.#failure) throw this.#failure;
    this.#pending.push(line);
    this.#queued++;
    this.#pendingBytes += line.length;
    if (this.#pendingBytes >= SYNC_AFTER_BYTES && !this.#writing) this.#drain();
    else if (this.#pendingBytes >= BATCH_BYTES) this.#schedule();
    else this.#timer ??= setTimeout(() => this.#drain(), BATCH_DELAY_MS);
  }

  #schedule(): void {
    if (this.#writing || this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#drain());
  }

  flush(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#written === this.#queued) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) =>
      this.#waiters.push({ upTo: this.#queued, resolve, reject }),
    );
    this.#schedule();
    return done;
  }

  #drain(): void {
    this.#scheduled = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#writing || this.#pending.length === 0) return;
    const lines = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#writing = true;
    this.#send(Buffer.from(lines.join(''), 'utf8'), 0, lines.length, 1);
  }

  /**
   * One batch, written synchronously while the descriptor takes it: a file, or a pipe with room. An asynchronous
   * write goes through the thread pool, and that round trip cost more CPU than the write itself (about 10 µs a
   * call on a stdio server answering one call at a time). A full pipe is tried again after a pause.
   */
  #send(buffer: Buffer, from: number, count: number, retryDelay: number): void {
    let offset = from;
    this.#stalled = undefined;
    try {
      while (offset < buffer.length) offset += writeSync(this.#fd, buffer, offset);
    } catch (error) {
      if (!isFull(error as NodeJS.ErrnoException)) {
        this.#fail(error as Error);
        return;
      }
      if (buffer.length - offset + this.#pendingBytes > MAX_WAITING_BYTES) {
        this.#fail(
          new Error(
            `the audit destination (descriptor ${this.#fd}) took nothing while ${MAX_WAITING_BYTES >> 20} MiB of records waited: its reader is gone or stuck`,
            { cause: error },
          ),
        );
        return;
      }
      this.#stalled = { buffer, offset, count };
      const next = Math.min(retryDelay * 2, MAX_RETRY_DELAY_MS);
      setTimeout(() => this.#stalled && this.#send(buffer, this.#stalled.offset, count, next), retryDelay);
      return;
    }
    this.#written += count;
    this.#writing = false;
    this.#batches++;
    this.#settleWaiters();
    if (this.#pending.length === 0) return;
    // Lines that came in while a full pipe was waited for go out now only if someone waits for them or a batch is
    // full; else with the batch's delay, so a steady stream of records costs one write per 10 ms, not one each.
    if (this.#pendingBytes >= BATCH_BYTES || this.#waiters.length > 0) this.#drain();
    else this.#timer ??= setTimeout(() => this.#drain(), BATCH_DELAY_MS);
  }

  #settleWaiters(): void {
    this.#waiters = this.#waiters.filter((w) => {
      if (w.upTo > this.#written) return true;
      w.resolve();
      return false;
    });
  }

  /** At exit: the stalled batch's rest, then everything pending, synchronously and in order. */
  #writePendingSync(): void {
    if (this.#failure) return;
    const stalled = this.#stalled;
    if (stalled === undefined && this.#pending.length === 0) return;
    const rest = stalled ? [stalled.buffer.subarray(stalled.offset)] : [];
    this.#stalled = undefined;
    try {
      writeFullySync(
        this.#fd,
        Buffer.concat([...rest, Buffer.from(this.#pending.join(''), 'utf8')]),
        EXIT_WAIT_MS,
      );
    } catch {
      // The process is exiting; there is no one left to tell.
    }
  }

  #fail(error: Error): void {
    this.#failure = error;
    this.#writing = false;
    for (const w of this.#waiters) w.reject(error);
    this.#waiters = [];
  }
}

const isFull = (error: NodeJS.ErrnoException) => error.code === 'EAGAIN' || error.code === 'EWOULDBLOCK';
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `data` synchronously, partial writes continued. A full non-blocking pipe (EAGAIN) is waited for, in
 * pauses of a millisecond, for at most `waitMs` in all; then, or on any other error, it throws.
 */
export function writeFullySync(fd: number, data: Buffer, waitMs: number): void {
  let waited = 0;
  for (let offset = 0; offset < data.length; ) {
    try {
      offset += writeSync(fd, data, offset);
    } catch (error) {
      if (!isFull(error as NodeJS.ErrnoException) || waited >= waitMs) throw error;
      Atomics.wait(pause, 0, 0, 1);
      waited++;
    }
  }
}
