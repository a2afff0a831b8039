/**
 * The text of the one accepted statement, cut so that it can be embedded in a larger statement
 * (`SELECT * FROM (<text>) AS q ...`): no leading or trailing comment, no trailing `;`, nothing a wrapper
 * could be swallowed by. A trailing `-- comment` would otherwise comment out the wrapper's closing parenthesis.
 *
 * libpg-query reports statement and token positions in UTF-8 bytes, so all slicing happens on bytes.
 */
import { scanSync } from 'libpg-query';

const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT']);

export interface StatementSpan {
  /** stmt_location: byte offset of the statement; absent means 0. */
  readonly location: number | undefined;
  /** stmt_len: byte length; absent or 0 means "to the end of the input". */
  readonly length: number | undefined;
}

/** The statement's own text: sliced by its byte span, then trimmed to its first and last non-comment token. */
export function statementText(sql: string, span: StatementSpan): string {
  const bytes = Buffer.from(sql, 'utf8');
  const start = span.location ?? 0;
  const end = span.length ? start + span.length : bytes.length;
  const statement = bytes.subarray(start, end).toString('utf8');
  const tokens = scanSync(statement).tokens.filter((token) => !COMMENT_TOKENS.has(token.tokenName));
  const first = tokens[0];
  const last = tokens.at(-1);
  if (!first || !last) return '';
  const statementBytes = Buffer.from(statement, 'utf8');
  return statementBytes.subarray(first.start, last.end).toString('utf8');
}
