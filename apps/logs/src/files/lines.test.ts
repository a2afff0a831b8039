import { afterAll, describe, expect, it } from 'vitest';
import { logFolder } from '../../test/fixtures.ts';
import { scanLines } from './lines.ts';
import { ERROR_PREFILTER } from './prefilter.ts';

const folder = await logFolder({
  'plain.log': 'one\r\ntwo\nthree\n',
  'partial.log': 'one\ntwo\nhalf-writ',
  'rotated.log.2.gz': 'a\nb\nc\n',
  'long.log': `short\n${'x'.repeat(5000)}\nafter\n`,
  'long-tail.log': `short\n${'y'.repeat(5000)}`,
  'huge.log': `a\n${'z'.repeat(2_500_000)}\nb\n`,
  'mixed.log': [
    'info: fine',
    'ERROR: broken',
    'info: fine again',
    '{"level":50,"msg":"x"}',
    'warn: an error mentioned',
    // A level key decides: an info line that mentions an error is not decoded.
    '{"level":30,"msg":"retrying after error"}',
    '{"log.level":"ERROR","message":"e"}',
    'ts=1 level=info msg="error budget ok"',
    'ts=1 level=fatal msg=x',
    '{"log":{"level":"error"},"message":"nested"}',
  ]
    .join('\n')
    .concat('\n'),
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

  it('with the error prefilter, decodes only lines that can be errors, in file order, but counts every line', async () => {
    const { seen, stats } = await lines('mixed.log', { prefilter: ERROR_PREFILTER });
    expect(seen).toEqual([
      'ERROR: broken',
      '{"level":50,"msg":"x"}',
      'warn: an error mentioned',
      '{"log.level":"ERROR","message":"e"}',
      'ts=1 level=fatal msg=x',
      '{"log":{"level":"error"},"message":"nested"}',
    ]);
    expect(stats.lines).toBe(10);
  });
});
