import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineWriter, writeFullySync } from './line-writer.ts';

/**
 * A non-blocking pipe (what stderr often is) whose reader opens it at once, takes nothing for `delayMs`, then copies
 * everything into `out` until the pipe closes. Returns the write end and the reader process.
 */
async function slowPipe(out: string, delayMs: number): Promise<{ fd: number; reader: ChildProcess }> {
  const fifo = join(await mkdtemp(join(tmpdir(), 'pipe-')), 'fifo');
  execFileSync('mkfifo', [fifo]);
  const script = `const fs=require('fs');const fd=fs.openSync(${JSON.stringify(fifo)},'r');setTimeout(()=>{fs.writeFileSync(${JSON.stringify(out)},fs.readFileSync(fd))},${delayMs})`;
  const reader = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  for (;;) {
    try {
      return { fd: openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK), reader };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error; // no reader yet
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

describe('LineWriter', () => {
  it('writes every line, in order, across many turns', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'lines-')), 'out.log');
    const writer = new LineWriter(path);
    for (let i = 0; i < 5000; i++) {
      writer.write(`${i}\n`);
      if (i % 97 === 0) await new Promise((r) => setImmediate(r));
    }
    await writer.flush();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toEqual(Array.from({ length: 5000 }, (_, i) => String(i)));
  });

  it('resolves flush only once the lines written before it are out', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'lines-')), 'out.log');
    const writer = new LineWriter(path);
    writer.write('first\n');
    await writer.flush();
    expect(await readFile(path, 'utf8')).toBe('first\n');
  });

  it('reports a failed write to flush and refuses later lines', async () => {
    const writer = new LineWriter(999_999); // not an open descriptor
    writer.write('lost\n');
    await expect(writer.flush()).rejects.toThrow(/EBADF/);
    expect(writer.failure).toBeDefined();
    expect(() => writer.write('more\n')).toThrow(/EBADF/);
  });

  it('waits out a full pipe (EAGAIN is backpressure, not a failure) and loses nothing', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'lines-')), 'out.log');
    const { fd, reader } = await slowPipe(out, 300);
    const exited = new Promise((r) => reader.once('exit', r));
    const writer = new LineWriter(fd);
    const line = (i: number) => `${String(i).padStart(6, '0')} ${'x'.repeat(200)}\n`;
    // 1.3 MB: twenty times what a Linux pipe holds, so writes meet EAGAIN until the reader wakes up.
    for (let i = 0; i < 6000; i++) {
      writer.write(line(i));
      if (i % 500 === 0) await new Promise((r) => setImmediate(r));
    }
    await writer.flush();
    expect(writer.failure).toBeUndefined();
    writer.detach();
    closeSync(fd);
    await exited;
    const lines = readFileSync(out, 'utf8').split('\n').slice(0, -1);
    expect(lines).toHaveLength(6000);
    expect(lines.every((l, i) => l === line(i).slice(0, -1))).toBe(true);
  });

  it('at exit, writes the batch a full pipe held back before the lines pending after it: nothing lost, in order', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'lines-')), 'out.log');
    const { fd, reader } = await slowPipe(out, 300);
    const exited = new Promise((r) => reader.once('exit', r));
    // A process that fills the pipe (the first batch stalls on EAGAIN), queues more, and exits before any retry.
    const writer = new URL('./line-writer.ts', import.meta.url).href;
    const script = `import { LineWriter } from ${JSON.stringify(writer)};
      const w = new LineWriter(3);
      const line = (i) => String(i).padStart(6, '0') + ' ' + 'x'.repeat(200) + '\\n';
      for (let i = 0; i < 2000; i++) w.write(line(i));
      await new Promise((r) => setImmediate(r));
      for (let i = 2000; i < 2100; i++) w.write(line(i));
      process.exit(0);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'inherit', fd],
    });
    expect(await new Promise((r) => child.once('exit', r))).toBe(0);
    closeSync(fd);
    await exited;
    const lines = readFileSync(out, 'utf8').split('\n').slice(0, -1);
    expect(lines.map((l) => Number(l.slice(0, 6)))).toEqual(Array.from({ length: 2100 }, (_, i) => i));
  });

  it('gives up a synchronous write to a pipe that stays full after the wait it was allowed', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'lines-')), 'out.log');
    const { fd, reader } = await slowPipe(out, 60_000);
    try {
      const started = performance.now();
      expect(() => writeFullySync(fd, Buffer.alloc(1024 * 1024, 'x'), 20)).toThrow(/EAGAIN/);
      expect(performance.now() - started).toBeLessThan(5000); // bounded, not hung
    } finally {
      closeSync(fd);
      reader.kill();
    }
  });

  it('writes a file out on the spot when work never yields to the event loop, in order', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'lines-')), 'out.log');
    const writer = new LineWriter(path);
    const line = `${'x'.repeat(1023)}\n`;
    // 1 MiB without a single event-loop turn: microtasks only, as an in-memory client calling in a loop does.
    for (let i = 0; i < 1024; i++) {
      writer.write(line.replace('x', String(i % 10)));
      await Promise.resolve();
    }
    // Read synchronously, before any turn could let a batch go out: most of it is already in the file.
    const onDisk = readFileSync(path, 'utf8');
    expect(onDisk.length).toBeGreaterThanOrEqual(768 * 1024);
    await writer.flush();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1024);
    expect(lines.map((l) => l[0])).toEqual(Array.from({ length: 1024 }, (_, i) => String(i % 10)));
  });

  it('batches a steady stream of lines: no two writes less than 10 ms apart unless someone waits', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'lines-')), 'out.log');
    const writer = new LineWriter(path);
    const started = performance.now();
    for (let i = 0; i < 300; i++) {
      writer.write(`${i}\n`);
      await new Promise((r) => setTimeout(r, 1));
    }
    const elapsed = performance.now() - started;
    const batches = writer.batches;
    await writer.flush();
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(300);
    // Timers never fire early, so a batch per 10 ms is the most there can be, however slow the machine is.
    expect(batches).toBeLessThanOrEqual(Math.ceil(elapsed / 10) + 1);
  });
});
