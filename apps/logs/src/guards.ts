import { ToolError } from '@gatehouse/kit';
import type { ScanEstimate } from './backend.ts';
import { LIMIT_SETTINGS, type Limits } from './config.ts';

const MB = 1024 * 1024;

/**
 * Refuses, before anything is read, a query whose estimated scan passes the operator's limit: bytes of files in
 * range, or documents in range on a cluster (from _count). The refusal names the limit and how to narrow.
 */
export function checkScan(
  estimate: ScanEstimate,
  limits: Pick<Limits, 'maxScanBytes' | 'maxScanDocuments'>,
): void {
  if (estimate.unit === 'bytes' && estimate.amount > limits.maxScanBytes) {
    throw new ToolError(
      'scan_too_large',
      `This would read about ${Math.ceil(estimate.amount / MB)} MB of log files; the limit is ${Math.floor(limits.maxScanBytes / MB)} MB (${LIMIT_SETTINGS.maxScanBytes}). Narrow since/until or name one file in origin.`,
      {
        details: {
          limit: LIMIT_SETTINGS.maxScanBytes,
          estimatedBytes: estimate.amount,
          maxBytes: limits.maxScanBytes,
        },
      },
    );
  }
  if (estimate.unit === 'documents' && estimate.amount > limits.maxScanDocuments) {
    throw new ToolError(
      'scan_too_large',
      `About ${estimate.amount} documents are in range; the limit is ${limits.maxScanDocuments} (${LIMIT_SETTINGS.maxScanDocuments}). Narrow since/until, or add service, level or origin.`,
      {
        details: {
          limit: LIMIT_SETTINGS.maxScanDocuments,
          estimatedDocuments: estimate.amount,
          maxDocuments: limits.maxScanDocuments,
        },
      },
    );
  }
}

/** Refuses a page deeper than the operator allows (deep paging costs the upstream as much as a wide scan). */
export function checkDepth(offset: number, limit: number, maxResults: number): void {
  if (offset + limit > maxResults) {
    throw new ToolError(
      'results_too_deep',
      `Paging past ${maxResults} lines is not allowed (${LIMIT_SETTINGS.maxResults}). Narrow the filters or the time range instead.`,
      { details: { limit: LIMIT_SETTINGS.maxResults, maxResults } },
    );
  }
}
