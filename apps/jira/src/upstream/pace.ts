/**
 * The server's outbound pace to Jira: at most `perSecond` requests started per second, across every call of
 * this process, so a burst of tool calls queues here instead of earning 429s from Jira (whose limits are per
 * account). Slots are handed out in order; `reserve` says how long a request must wait for its slot.
 */
export class Pace {
  readonly #spacingMs: number;
  #next = 0;

  constructor(perSecond: number) {
    this.#spacingMs = 1000 / perSecond;
  }

  /** How long a request made at `now` (ms) waits before it may start; takes its slot. */
  reserve(now: number): number {
    const start = Math.max(now, this.#next);
    this.#next = start + this.#spacingMs;
    return start - now;
  }
}
