import type { StoredDoc } from './library.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function metaString(doc: StoredDoc, key: string): string | undefined {
  const value = doc.meta[key];
  return typeof value === 'number' ? String(value) : str(value);
}

export function tagsOf(doc: StoredDoc): string[] {
  const tags = doc.meta.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

/** Not reviewed within `staleAfterDays`, or never reviewed at all. */
export function isStale(doc: StoredDoc, staleAfterDays: number, now = Date.now()): boolean {
  const reviewed = Date.parse(metaString(doc, 'last_reviewed') ?? '');
  return Number.isNaN(reviewed) || now - reviewed > staleAfterDays * DAY_MS;
}

/** The fields people act on when choosing what to read. */
export function summarize(doc: StoredDoc, staleAfterDays: number) {
  const type = metaString(doc, 'type');
  const owner = metaString(doc, 'owner');
  const service = metaString(doc, 'service');
  const status = metaString(doc, 'status');
  const lastReviewed = metaString(doc, 'last_reviewed');
  return {
    collection: doc.collection,
    path: doc.path,
    title: doc.parsed.title,
    ...(type ? { type } : {}),
    ...(owner ? { owner } : {}),
    ...(service ? { service } : {}),
    ...(status ? { status } : {}),
    ...(lastReviewed ? { lastReviewed } : {}),
    stale: isStale(doc, staleAfterDays),
  };
}
