import type { DocsLibrary, StoredDoc } from './library.ts';

/**
 * The least relevance (see `SearchHit.relevance`) at which a runbook is taken as the one for an alert or service.
 * Chosen from the labelled data, not by feel: the midpoint between the most relevant wrong runbook for an alert
 * with none (test/runbook-alerts.json, `withoutRunbook`) and the least relevant right one for an alert, service or
 * misspelling of one (the same file and the relevance set's `followRunbook` queries); test/runbooks.test.ts checks
 * it stays in the middle of that gap. Error messages and questions go to search_docs: below this they get hints.
 */
export const RUNBOOK_RELEVANCE = 0.5;

const HINTS = 3;

export type RunbookMatch =
  | { readonly runbook: StoredDoc; readonly relevance: number }
  | { readonly runbook: undefined; readonly closest: readonly StoredDoc[] };

/** The runbook of `collection` for an alert or service, or the closest runbooks when none is relevant enough. */
export function findRunbook(library: DocsLibrary, collection: string, alert: string): RunbookMatch {
  // Two sections per document at most: ask for enough to name HINTS documents.
  const hits = library.index.search(alert, { filters: { collection, type: 'runbook' }, limit: HINTS * 2 });
  const best = hits[0];
  const doc = best && library.get(best.collection, best.path);
  if (best && doc && best.relevance >= RUNBOOK_RELEVANCE) return { runbook: doc, relevance: best.relevance };
  const closest: StoredDoc[] = [];
  for (const hit of hits) {
    const hinted = library.get(hit.collection, hit.path);
    if (hinted && !closest.includes(hinted) && closest.length < HINTS) closest.push(hinted);
  }
  return { runbook: undefined, closest };
}
