import { ErrorCode, ToolError } from '@gatehouse/kit';
import type { PipedQuery } from './esql.ts';
import { checkVerbs, indexList, splitCommands } from './pipes.ts';

/**
 * Commands a raw PPL query may use after its source: they work on the rows it read. Left out on purpose: join,
 * lookup and append (they read other indices), ml and ad (they run models), and any command not known here.
 */
const ALLOWED = new Set([
  'where',
  'fields',
  'stats',
  'sort',
  'head',
  'eval',
  'rename',
  'dedup',
  'top',
  'rare',
  'parse',
  'grok',
  'patterns',
  'fillnull',
  'timechart',
]);

/** `source=a, b` or `search source=a, b <search expression>`. */
const SOURCE =
  /^(?:search\s+)?source\s*=\s*((?:[^\s,`]+|`[^`]+`)(?:\s*,\s*(?:[^\s,`]+|`[^`]+`))*)(\s+[\s\S]*)?$/i;

/** A PPL query checked: one source naming plain indices or patterns, then only allowed commands. */
export function parsePpl(text: string): PipedQuery {
  const commands = splitCommands(text, 'PPL');
  const match = SOURCE.exec(commands[0] as string);
  if (!match) {
    throw new ToolError(
      ErrorCode.InvalidInput,
      'query: a PPL query starts with source=<indices> (e.g. source=logs-billing | where status >= 500).',
    );
  }
  checkVerbs(commands, ALLOWED, 'PPL');
  const indices = indexList(match[1] as string, 'PPL');
  const search = match[2] ?? '';
  if (/\bsource\s*=|\bindex\s*=/i.test(search)) {
    throw new ToolError(ErrorCode.InvalidInput, 'query: name the indices once, in source=.');
  }
  return {
    indices,
    build: (resolved, maxRows) =>
      [`source=${resolved.join(',')}${search}`, ...commands.slice(1), `head ${maxRows}`].join(' | '),
  };
}
