import type { LogEntry } from '../entry.ts';
import { TemplateCache } from './template.ts';

export type Trend = 'new' | 'rising' | 'steady' | 'falling' | 'gone';

export interface ErrorGroup {
  readonly pattern: string;
  readonly errorType: string | undefined;
  count: number;
  baseline: number;
  firstSeen: number;
  lastSeen: number;
  readonly services: Set<string>;
  /** The newest line of the group in the window (the baseline's newest for a gone group). */
  example: string;
  exampleTime: number;
}

/** At most this many services are kept per group: enough to say where it happens, bounded whatever the logs. */
const MAX_SERVICES = 20;
/**
 * Template cache entries (by shape, and by exact headline for templates that keep digits): enough for the shapes
 * a service's errors take; 50,000 exact messages cost ~10 MB and mostly held ones that vary by id.
 */
const TEMPLATE_CACHE = 4_000;

/**
 * Error lines grouped into patterns, the window's counts beside the baseline window's: a new pattern, one that
 * rose to at least twice its baseline, or one that is gone is what an incident usually looks like.
 */
export class ErrorGrouping {
  readonly #groups = new Map<string, ErrorGroup>();
  readonly #windowFrom: number;
  /** Logs repeat a few shapes of message, and a template costs a regex pass. */
  readonly #templates = new TemplateCache(TEMPLATE_CACHE);

  constructor(windowFrom: number) {
    this.#windowFrom = windowFrom;
  }

  add(entry: LogEntry): void {
    const pattern = this.#template(entry.message);
    // An error type may carry values too (`TypeError: … reading 'currency'`): its template is the key.
    const errorType = entry.errorType === undefined ? undefined : this.#template(entry.errorType);
    const key = `${errorType ?? ''}\u0000${pattern}`;
    let group = this.#groups.get(key);
    if (!group) {
      group = {
        pattern,
        errorType,
        count: 0,
        baseline: 0,
        firstSeen: Number.POSITIVE_INFINITY,
        lastSeen: Number.NEGATIVE_INFINITY,
        services: new Set(),
        example: entry.message,
        exampleTime: Number.NEGATIVE_INFINITY,
      };
      this.#groups.set(key, group);
    }
    const inWindow = entry.time >= this.#windowFrom;
    if (inWindow) {
      group.count++;
      if (entry.time < group.firstSeen) group.firstSeen = entry.time;
      if (entry.time > group.lastSeen) group.lastSeen = entry.time;
      if (entry.service !== undefined && group.services.size < MAX_SERVICES)
        group.services.add(entry.service);
    } else group.baseline++;
    // The window's newest line wins over any baseline line; within one window, the newest.
    const better = inWindow
      ? group.exampleTime < this.#windowFrom || entry.time > group.exampleTime
      : group.exampleTime < this.#windowFrom && entry.time > group.exampleTime;
    if (better) {
      group.example = entry.message;
      group.exampleTime = entry.time;
    }
  }

  #template(text: string): string {
    return this.#templates.of(text);
  }

  /** The groups, the ones that need looking at first: new, rising, then by count. */
  groups(): Array<ErrorGroup & { trend: Trend }> {
    const order: Record<Trend, number> = { new: 0, rising: 1, steady: 2, falling: 3, gone: 4 };
    return [...this.#groups.values()]
      .map((group) => ({ ...group, trend: trendOf(group.count, group.baseline) }))
      .sort(
        (a, b) =>
          order[a.trend] - order[b.trend] ||
          b.count - a.count ||
          b.baseline - a.baseline ||
          (a.pattern < b.pattern ? -1 : 1),
      );
  }
}

export function trendOf(count: number, baseline: number): Trend {
  if (count === 0) return 'gone';
  if (baseline === 0) return 'new';
  if (count >= 2 * baseline) return 'rising';
  if (2 * count <= baseline) return 'falling';
  return 'steady';
}
