/**
 * Backoff for failed sign-ins, per key (an address: `address:127.0.0.1`). The first `free` failures cost
 * nothing; each one after locks the key for twice as long as the last (`baseMs`, 2×, 4×… up to `maxMs`), so a
 * person who mistypes is not slowed and a guesser gets a handful of tries an hour. A success clears the key; a
 * key with no failure for `forgetMs` is forgotten. In memory and bounded: a restart forgets, a flood of new
 * addresses evicts the oldest entries, never grows without end.
 */
export interface ThrottleOptions {
  readonly free?: number;
  readonly baseMs?: number;
  readonly maxMs?: number;
  readonly forgetMs?: number;
  readonly maxKeys?: number;
  readonly now?: () => number;
}

interface Entry {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

export interface Throttle {
  /** Milliseconds until `key` may try again (0: now). */
  wait(key: string): number;
  /** Counts a failure; returns the wait it starts (0 while failures are still free). */
  fail(key: string): number;
  succeed(key: string): void;
}

export function createThrottle(options: ThrottleOptions = {}): Throttle {
  const free = options.free ?? 5;
  const baseMs = options.baseMs ?? 1000;
  const maxMs = options.maxMs ?? 15 * 60_000;
  const forgetMs = options.forgetMs ?? 60 * 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const current = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (
      entry !== undefined &&
      now() - entry.lastFailure >= Math.max(forgetMs, entry.lockedUntil - entry.lastFailure)
    ) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    wait: (key) => Math.max(0, (current(key)?.lockedUntil ?? 0) - now()),
    fail(key) {
      let entry = current(key);
      if (entry === undefined) {
        if (entries.size >= maxKeys) entries.delete(entries.keys().next().value as string);
        entry = { failures: 0, lockedUntil: 0, lastFailure: 0 };
      }
      // Re-inserted, so the map's order stays least-recently-failed first (what eviction drops).
      entries.delete(key);
      entries.set(key, entry);
      entry.failures++;
      entry.lastFailure = now();
      const over = entry.failures - free;
      if (over <= 0) return 0;
      const wait = Math.min(maxMs, baseMs * 2 ** Math.min(over - 1, 30));
      entry.lockedUntil = entry.lastFailure + wait;
      return wait;
    },
    succeed(key) {
      entries.delete(key);
    },
  };
}
