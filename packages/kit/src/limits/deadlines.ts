/**
 * Deadlines of the calls in flight, on one timer instead of one each: a `setTimeout` and its `clearTimeout` cost
 * more than the rest of a trivial call's deadline handling (bench/pipeline), and nearly every call finishes long
 * before its deadline. The timer is armed for the earliest deadline; calls mostly share one timeout and start in
 * order, so adding one rarely re-arms it. A deadline fires no earlier than due and at most `SLACK_MS` late.
 */
const SLACK_MS = 5;

export interface Expiring {
  /** When it is due, in `performance.now()` milliseconds. */
  readonly dueAt: number;
  expire(): void;
}

export class Deadlines {
  readonly #pending = new Set<Expiring>();
  #timer: NodeJS.Timeout | undefined;
  #armedFor = Number.POSITIVE_INFINITY;

  /** How many are pending (for tests and metrics). */
  get size(): number {
    return this.#pending.size;
  }

  add(entry: Expiring): void {
    this.#pending.add(entry);
    // An earlier deadline than the armed one, by more than the slack, re-arms the timer.
    if (entry.dueAt + SLACK_MS < this.#armedFor) this.#arm(entry.dueAt);
  }

  /**
   * The timer stays armed when the last entry goes: one call after another (the common case) would otherwise
   * create and clear a timer each, the cost this class exists to avoid. It fires once, finds nothing, and stops.
   */
  delete(entry: Expiring): void {
    this.#pending.delete(entry);
  }

  #arm(dueAt: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#armedFor = dueAt;
    // Rounded up: a timer may fire up to a millisecond before the fraction it was set for.
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, Math.ceil(dueAt - performance.now()) + 1));
    // The work in flight keeps the process alive, not its deadline.
    this.#timer.unref();
  }

  #fire(): void {
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.#pending) {
      if (entry.dueAt <= now) {
        this.#pending.delete(entry);
        entry.expire();
      } else if (entry.dueAt < next) next = entry.dueAt;
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
  }
}
