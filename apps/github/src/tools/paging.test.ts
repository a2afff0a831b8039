import { describe, expect, it } from 'vitest';
import type { PageRequest } from '../upstream/github.ts';
import { kitPageOf } from './paging.ts';

const letters = 'abcdefghij'.split('');

describe('kitPageOf', () => {
  it("asks GitHub for the page holding the kit's offset and returns the items from the offset on", async () => {
    const asked: PageRequest[] = [];
    const ctx = { page: { offset: 25, limit: 10 }, hasMore: false };
    const items = await kitPageOf(ctx, async (page) => {
      asked.push(page);
      return { items: letters, hasNext: true };
    });
    expect(asked).toEqual([{ page: 3, perPage: 10 }]);
    expect(items).toEqual(['f', 'g', 'h', 'i', 'j']);
    expect(ctx.hasMore).toBe(true);
  });

  it('says there is no more on the last page', async () => {
    const ctx = { page: { offset: 0, limit: 30 }, hasMore: true };
    const items = await kitPageOf(ctx, async () => ({ items: letters.slice(0, 3), hasNext: false }));
    expect(items).toEqual(['a', 'b', 'c']);
    expect(ctx.hasMore).toBe(false);
  });
});
