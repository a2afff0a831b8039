/** Log levels, lowest first; every backend maps its own spelling (pino numbers, ECS words, syslog) onto these. */
export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type Level = (typeof LEVELS)[number];

/** One log line as every backend hands it to the tools: the fields people act on, nothing raw. */
export interface LogEntry {
  /** Milliseconds since the epoch, as the line's own clock says. */
  readonly time: number;
  readonly level?: Level;
  readonly service?: string;
  readonly message: string;
  readonly traceId?: string;
  readonly errorType?: string;
  readonly stack?: string;
  /** The index, data stream or file (relative to its source's root) the line came from. */
  readonly origin: string;
  /** Extra fields a caller asked to filter on, as text. */
  readonly fields?: Readonly<Record<string, string>>;
}

const WORDS: Readonly<Record<string, Level>> = {
  trace: 'trace',
  verbose: 'trace',
  debug: 'debug',
  info: 'info',
  information: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  severe: 'error',
  fatal: 'fatal',
  critical: 'fatal',
  crit: 'fatal',
  alert: 'fatal',
  emergency: 'fatal',
  emerg: 'fatal',
  panic: 'fatal',
};

/** pino and bunyan numbers (10 trace … 60 fatal) or a word in any case; undefined when it is neither. */
export function levelOf(value: unknown): Level | undefined {
  if (typeof value === 'number') {
    if (value >= 60) return 'fatal';
    if (value >= 50) return 'error';
    if (value >= 40) return 'warn';
    if (value >= 30) return 'info';
    if (value >= 20) return 'debug';
    return 'trace';
  }
  if (typeof value !== 'string' || value.length > 16) return undefined;
  return WORDS[value.toLowerCase()];
}

/** The levels at or above `level`: what a caller asking for `warn` means. */
export function levelsFrom(level: Level): Level[] {
  return LEVELS.slice(LEVELS.indexOf(level));
}

/** Epoch milliseconds from ISO text (no zone: UTC), epoch ms or epoch seconds; undefined when unreadable. */
export function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? (value < 1e11 ? value * 1000 : value) : undefined;
  if (typeof value !== 'string' || value.length < 10 || value.length > 40) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return timeOf(Number(value));
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}
