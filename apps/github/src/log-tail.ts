const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const ERROR_MARK = /^##\[error\]/;
const LIKELY_ERROR = /\b(error|failed|failure|exception|panic|traceback|fatal)\b|✗|✕/i;

export interface LogTail {
  /** The step (log group) the failure happened in, when the log names one. */
  readonly step: string | undefined;
  /** The lines around the failure, oldest first, timestamps and colour codes removed. */
  readonly lines: readonly string[];
  /** 1-based number of the first returned line in the whole log. */
  readonly firstLine: number;
  readonly totalLines: number;
  /** The `##[error]` lines of the whole log (GitHub's own failure annotations), at most five. */
  readonly errors: readonly string[];
}

/**
 * The part of a GitHub Actions job log that explains a failure: the lines leading up to the first `##[error]`
 * annotation (the cause is usually just above it) and a few after, within a line and byte budget. Without an
 * annotation, the last line that looks like an error anchors the window; without one either, the log's end.
 */
export function extractLogTail(log: string, budget: { maxLines: number; maxBytes: number }): LogTail {
  const all = log
    .split(/\r?\n/)
    .map((l) => l.replace(TIMESTAMP, '').replace(ANSI, ''))
    .filter((l, i, a) => !(i === a.length - 1 && l === ''));
  const errors = all.filter((l) => ERROR_MARK.test(l)).map((l) => l.replace(ERROR_MARK, '').trim());
  let anchor = all.findIndex((l) => ERROR_MARK.test(l));
  if (anchor === -1) {
    for (let i = all.length - 1; i >= 0 && anchor === -1; i--)
      if (LIKELY_ERROR.test(all[i] as string)) anchor = i;
  }
  if (anchor === -1) anchor = all.length - 1;
  const after = Math.min(5, Math.floor(budget.maxLines / 4));
  let end = Math.min(all.length, anchor + after + 1);
  let start = Math.max(0, end - budget.maxLines);
  // Drop the oldest lines until the window fits the byte budget; never the anchor itself.
  const size = (a: number, b: number) => all.slice(a, b).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  while (start < anchor && size(start, end) > budget.maxBytes) start++;
  while (end > anchor + 1 && size(start, end) > budget.maxBytes) end--;
  let step: string | undefined;
  for (let i = anchor; i >= 0; i--) {
    const line = all[i] as string;
    if (line.startsWith('##[group]')) {
      step = line.slice('##[group]'.length).trim();
      break;
    }
  }
  const lines = all
    .slice(start, end)
    .map((l) => (Buffer.byteLength(l) > budget.maxBytes ? `${l.slice(0, budget.maxBytes)}…` : l));
  return { step, lines, firstLine: start + 1, totalLines: all.length, errors: errors.slice(0, 5) };
}
