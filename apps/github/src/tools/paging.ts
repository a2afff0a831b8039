import type { HandlerContext } from '@gatehouse/kit';
import type { Page, PageRequest } from '../upstream/github.ts';

/**
 * One page of a paginated tool from a Link-paginated GitHub list: asks GitHub for the page that holds the kit's
 * offset (GitHub's page size is the kit's), tells the kit whether more follow, and returns the items from the
 * offset on.
 */
export async function kitPageOf<T>(
  ctx: Pick<HandlerContext, 'page' | 'hasMore'>,
  list: (page: PageRequest) => Promise<Page<T>>,
): Promise<T[]> {
  const { offset, limit } = ctx.page;
  const result = await list({ page: Math.floor(offset / limit) + 1, perPage: limit });
  ctx.hasMore = result.hasNext;
  return result.items.slice(offset % limit);
}
