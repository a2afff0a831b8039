import { afterAll, describe, expect, it } from 'vitest';
import { logFolder } from '../../test/fixtures.ts';
import { scanLines } from './lines.ts';
import { ERROR_MARKERS } from './markers.ts';

const folder = await logFolder({
  'plain.log': 'one\r\ntwo\nthree\n',
  'partial.log': 'one\ntwo\nhalf-writ',
  'rotated.log.2.gz': 'a\nb\nc\n',
  'long.log': `short\n${'x'.repeat(5000)}\nafter\n`,
  'long-tail.log': `short\n${'y'.repeat(5000)}`,
  'huge.log': `a\n${'z'.repeat(2_500_000)}\nb\n`,
  'mixed.log':
    'info: fine\nERROR: broken\ninfo: fine again\n{"level":50,"msg":"x"}\nwarn: an error mentioned\n',
});
afterAll(() => folder.remove());

async function lines(name: string, options: Partial<Parameters<typeof scanLines>[1]> = {}) {
  const seen: string[] = [];
  const lasts: boolean[] = [];
  const stats = await scanLines(
    `${folder.root}/${name}`,
    { maxLineBytes: 1024, ...options },
    (line, last) => {
      seen.push(line);
      lasts.push(last);
    },
  );
  return { seen, lasts, stats };
}

describe('scanLines', () => {
  it('hands on every line, without its CR', async () => {
    const { seen, stats } = await lines('plain.log');
    expect(seen).toEqual(['one', 'two', 'three']);
    expect(stats).toMatchObject({ lines: 3, partialLastLine: false, oversized: 0 });
  });

  it('marks a last line with no newline as partial (a file still being written)', async () => {
    const { seen, lasts, stats } = await lines('partial.log');
    expect(seen).toEqual(['one', 'two', 'half-writ']);
    expect(lasts).toEqual([false, false, true]);
    expect(stats.partialLastLine).toBe(true);
  });

  it('reads a rotated gzip file', async () => {
    expect((await lines('rotated.log.2.gz')).seen).toEqual(['a', 'b', 'c']);
  });

  it('skips a line longer than maxLineBytes and counts it, in the middle or at the end', async () => {
    const middle = await lines('long.log');
    expect(middle.seen).toEqual(['short', 'after']);
    expect(middle.stats.oversized).toBe(1);
    // A line spanning several read chunks (1 MiB each) is dropped chunk by chunk, never assembled.
    const huge = await lines('huge.log');
    expect(huge.seen).toEqual(['a', 'b']);
    expect(huge.stats).toMatchObject({ lines: 3, oversized: 1 });
    const tail = await lines('long-tail.log');
    expect(tail.seen).toEqual(['short']);
    expect(tail.stats).toMatchObject({ oversized: 1, partialLastLine: true });
  });

  it('with markers, decodes only the lines holding one, but counts every line', async () => {
    const { seen, stats } = await lines('mixed.log', { markers: ERROR_MARKERS });
    expect(seen.sort()).toEqual(['ERROR: broken', 'warn: an error mentioned', '{"level":50,"msg":"x"}']);
    expect(stats.lines).toBe(5);
  });
});
