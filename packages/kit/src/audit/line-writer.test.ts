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
});
