import { describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff.ts';

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe('lineDiff', () => {
  it('shows a changed field with its neighbours and leaves far lines out', () => {
    const before = json({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 });
    const after = json({ a: 1, b: 2, c: 3, d: 40, e: 5, f: 6, g: 7 });
    expect(lineDiff(before, after)).toBe(
      [
        '  …',
        '    "b": 2,',
        '    "c": 3,',
        '-   "d": 4,',
        '+   "d": 40,',
        '    "e": 5,',
        '    "f": 6,',
        '  …',
      ].join('\n'),
    );
  });

  it('shows added and removed lines', () => {
    expect(lineDiff('x\ny', 'x\ny\nz', 0)).toBe('  …\n+ z');
    expect(lineDiff('x\ny\nz', 'y\nz', 0)).toBe('- x\n  …');
    expect(lineDiff('x', 'y')).toBe('- x\n+ y');
  });

  it('is empty for equal texts', () => {
    expect(lineDiff('same\ntext', 'same\ntext')).toBe('');
  });
});
