import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineWriter } from './line-writer.ts';

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
