import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCommand<O extends Options> {
  readonly values: ReturnType<
    typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
  >['values'];
  readonly positionals: string[];
}

/**
 * Strict `node:util` parseArgs: an unknown option, a missing value or a stray argument becomes a UsageError
 * that carries the command's help. Every command accepts `-h/--help`; callers check `values.help` first.
 */
export function parseCommand<O extends Options>(
  argv: readonly string[],
  options: O,
  help: string,
): ParsedCommand<O & { help: { type: 'boolean'; short: 'h' } }> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals } as never;
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(error.message, help);
    }
    throw error;
  }
}

/** Exactly `count` positional arguments, named in the error when they are missing or extra. */
export function expectPositionals(
  positionals: readonly string[],
  names: readonly string[],
  help: string,
): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(
      `missing ${names
        .slice(positionals.length)
        .map((n) => `<${n}>`)
        .join(' ')}`,
      help,
    );
  }
  if (positionals.length > names.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[names.length])}`, help);
  }
  return [...positionals];
}

/** `a, b,,c` → `['a', 'b', 'c']`. */
export function parseList(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * A point in time from an ISO 8601 date or date-time (`2026-11-24`, `2026-11-24T09:30:00Z`) or a span before
 * `now` (`90s`, `15m`, `2h`, `7d`, `2w`). An ISO time without a zone is read as UTC, like the audit log's times.
 */
export function parseTime(option: string, text: string, now: number = Date.now()): Date {
  const relative = /^(\d{1,9})([smhdw])$/.exec(text.trim());
  if (relative) {
    return new Date(now - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS]);
  }
  const iso = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(
    text.trim(),
  );
  if (iso) {
    const hasTime = text.trim().length > 10;
    const zoned = !hasTime || iso[1] !== undefined ? text.trim() : `${text.trim()}Z`;
    const time = Date.parse(zoned.replace(' ', 'T'));
    if (!Number.isNaN(time)) return new Date(time);
  }
  throw new UsageError(
    `--${option}: expected an ISO time (e.g. 2026-11-24T09:30:00Z) or a span such as 15m, 2h, 7d; got ${JSON.stringify(text)}`,
  );
}

/** A whole number in [min, max], or a UsageError naming the option. */
export function parseInteger(option: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `--${option}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/** One of `choices`, or a UsageError listing them. */
export function parseChoice<T extends string>(option: string, text: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`--${option}: expected one of ${choices.join(', ')}; got ${JSON.stringify(text)}`);
}
