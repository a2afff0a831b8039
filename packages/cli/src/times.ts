/** `2026-11-24 09:30:05Z`: an ISO time trimmed for columns (seconds are enough to tell records apart by eye). */
export function shortTime(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

/** `in 14m`, `3h ago`: how far a time is from now, in its largest whole unit. */
export function fromNow(iso: string, now: number = Date.now()): string {
  const delta = Date.parse(iso) - now;
  if (Number.isNaN(delta)) return iso;
  const seconds = Math.round(Math.abs(delta) / 1000);
  const span =
    seconds < 60
      ? `${seconds}s`
      : seconds < 3600
        ? `${Math.floor(seconds / 60)}m`
        : seconds < 86_400
          ? `${Math.floor(seconds / 3600)}h`
          : `${Math.floor(seconds / 86_400)}d`;
  return delta >= 0 ? `in ${span}` : `${span} ago`;
}
