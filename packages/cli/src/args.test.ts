import { describe, expect, it } from 'vitest';
import { expectPositionals, parseChoice, parseCommand, parseInteger, parseList, parseTime } from './args.ts';
import { UsageError } from './errors.ts';

const NOW = Date.parse('2026-11-24T10:00:00Z');

describe('parseTime', () => {
  it('reads spans back from now', () => {
    expect(parseTime('since', '90s', NOW).toISOString()).toBe('2026-11-24T09:58:30.000Z');
    expect(parseTime('since', '15m', NOW).toISOString()).toBe('2026-11-24T09:45:00.000Z');
    expect(parseTime('since', '2h', NOW).toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(parseTime('since', '7d', NOW).toISOString()).toBe('2026-11-17T10:00:00.000Z');
    expect(parseTime('since', '1w', NOW).toISOString()).toBe('2026-11-17T10:00:00.000Z');
  });

  it('reads ISO dates and times, without a zone as UTC', () => {
    expect(parseTime('until', '2026-11-24', NOW).toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(parseTime('until', '2026-11-24T09:30', NOW).toISOString()).toBe('2026-11-24T09:30:00.000Z');
    expect(parseTime('until', '2026-11-24T09:30:05.250Z', NOW).toISOString()).toBe(
      '2026-11-24T09:30:05.250Z',
    );
    expect(parseTime('until', '2026-11-24T11:30:00+02:00', NOW).toISOString()).toBe(
      '2026-11-24T09:30:00.000Z',
    );
  });

  it('refuses anything else, naming the option and the accepted forms', () => {
    for (const bad of ['yesterday', '15', '15 m', '-2h', '2026-13-45', '2026-11-24T25:00Z', '']) {
      expect(() => parseTime('since', bad, NOW)).toThrow(UsageError);
    }
    expect(() => parseTime('since', 'soon', NOW)).toThrow(
      /--since: expected an ISO time .* 15m, 2h, 7d; got "soon"/,
    );
  });
});

describe('parseCommand', () => {
  const options = { actor: { type: 'string' }, json: { type: 'boolean' } } as const;

  it('parses options and positionals, with -h for help', () => {
    const parsed = parseCommand(['apr_1', '--actor', 'alice', '--json', '-h'], options, 'HELP');
    expect(parsed.values).toEqual({ actor: 'alice', json: true, help: true });
    expect(parsed.positionals).toEqual(['apr_1']);
  });

  it('turns unknown options and missing values into usage errors carrying the help', () => {
    const unknown = (() => {
      try {
        parseCommand(['--nope'], options, 'HELP');
      } catch (error) {
        return error;
      }
    })();
    expect(unknown).toBeInstanceOf(UsageError);
    expect((unknown as UsageError).help).toBe('HELP');
    expect(() => parseCommand(['--actor'], options, 'HELP')).toThrow(UsageError);
  });
});

describe('small parsers', () => {
  it('splits lists on commas, dropping blanks', () => {
    expect(parseList(' a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(parseList(undefined)).toEqual([]);
  });

  it('checks integers against their range', () => {
    expect(parseInteger('limit', '25', 1, 100)).toBe(25);
    for (const bad of ['0', '101', '2.5', 'ten', '-1', '']) {
      expect(() => parseInteger('limit', bad, 1, 100)).toThrow(
        /--limit: expected a whole number from 1 to 100/,
      );
    }
  });

  it('checks choices and lists them', () => {
    expect(parseChoice('format', 'json', ['json', 'commands'])).toBe('json');
    expect(() => parseChoice('format', 'yaml', ['json', 'commands'])).toThrow(
      '--format: expected one of json, commands; got "yaml"',
    );
  });

  it('names missing and extra positionals', () => {
    expect(expectPositionals(['x'], ['id'], 'H')).toEqual(['x']);
    expect(() => expectPositionals([], ['id'], 'H')).toThrow('missing <id>');
    expect(() => expectPositionals(['x', 'y'], ['id'], 'H')).toThrow('unexpected argument "y"');
  });
});
