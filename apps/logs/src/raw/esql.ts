import { ErrorCode, ToolError } from '@gatehouse/kit';
import { checkVerbs, indexList, splitCommands } from './pipes.ts';

/**
 * Processing commands a raw ES|QL query may use: they work on the rows FROM read. Left out on purpose: ENRICH
 * and LOOKUP JOIN (they read other indices), FORK (subqueries), COMPLETION and RERANK (they call inference
 * endpoints), and any command not known here.
 */
const ALLOWED = new Set([
  'where',
  'eval',
  'stats',
  'sort',
  'limit',
  'keep',
  'drop',
  'rename',
  'dissect',
  'grok',
  'mv_expand',
  'sample',
  'change_point',
]);

const FROM = /^from\s+([\s\S]+?)(\s+metadata\s+[A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)?$/i;

export interface PipedQuery {
  /** The indices or patterns its source command names. */
  readonly indices: string[];
  /** The query with its source command naming `resolved` instead, capped at `maxRows` rows. */
  build(resolved: readonly string[], maxRows: number): string;
}

/** An ES|QL query checked: one FROM naming plain indices or patterns, then only allowed commands. */
export function parseEsql(text: string): PipedQuery {
  const commands = splitCommands(text, 'ES|QL');
  const match = FROM.exec(commands[0] as string);
  if (!match) {
    throw new ToolError(
      ErrorCode.InvalidInput,
      'query: an ES|QL query starts with FROM <indices> (e.g. FROM logs-billing | WHERE log.level == "error"); ROW, SHOW and TS are not accepted.',
    );
  }
  checkVerbs(commands, ALLOWED, 'ES|QL');
  const indices = indexList(match[1] as string, 'ES|QL');
  const metadata = match[2] ?? '';
  return {
    indices,
    build: (resolved, maxRows) =>
      [`FROM ${resolved.join(', ')}${metadata}`, ...commands.slice(1), `LIMIT ${maxRows}`].join(' | '),
  };
}
