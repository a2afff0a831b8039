/**
 * When a plan's fingerprint needs looking up. PostgreSQL's snapshot (`xmin:xmax:in-progress ids`) moves whenever a
 * transaction takes a transaction id or commits, and every catalog change is a transaction that does both: while
 * the snapshot has not moved since a plan's fingerprint was last found to hold, the catalog has not changed
 * either, and a plain comparison of snapshots stands in for the fingerprint's lookups.
 *
 * The clock remembers the latest snapshot any call saw on this database. A plan checked in that snapshot runs
 * with the cheap comparison; should a transaction have committed meanwhile, the comparison fails before the
 * statement runs and the call repeats with the full check. On a database that commits all the time the cheap try
 * would fail again and again, so after a failure the clock waits a while (doubling up to a few seconds) before it
 * tries again.
 */

const FIRST_WAIT_MS = 50;
const LONGEST_WAIT_MS = 5_000;

export class CatalogClock {
  /** The latest snapshot a call on this database ran in. */
  #latest = '';
  #quietFrom = 0;
  #wait = 0;
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Whether a plan last checked in `checkedIn` may run with the snapshot comparison alone. */
  mayCompare(checkedIn: string): boolean {
    return checkedIn !== '' && checkedIn === this.#latest && this.#now() >= this.#quietFrom;
  }

  /** A call ran in `snapshot` (with either check). */
  saw(snapshot: string): void {
    this.#latest = snapshot;
  }

  /** The comparison succeeded: the database is quiet. */
  compared(): void {
    this.#wait = 0;
  }

  /** The comparison failed (something committed): wait before comparing again, longer each time. */
  moved(): void {
    this.#wait = Math.min(LONGEST_WAIT_MS, this.#wait === 0 ? FIRST_WAIT_MS : this.#wait * 2);
    this.#quietFrom = this.#now() + this.#wait;
  }
}
