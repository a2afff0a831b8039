import { ToolError } from '@gatehouse/kit';

/*
 * A caller's JQL, bounded to the projects it may reach. The query is never trusted as text: it is tokenized
 * (quoted strings, words, operators, parentheses, commas), refused when it does not tokenize or its parentheses
 * do not balance, split at its top-level ORDER BY, and written back from its tokens as
 *   project in (A, B) AND (<the caller's condition>) ORDER BY <the caller's order>
 * so no quote, parenthesis, `OR`, `ORDER BY` or stray character in it can reach outside the parentheses the
 * server puts around it. The server's own project clause is the enforcement; naming a project outside it is
 * also refused up front (projectsNamed) so the caller hears why, instead of an empty answer.
 */

export const JQL_INVALID = 'invalid_jql';

export type JqlToken =
  | { kind: 'string'; value: string; at: number }
  | { kind: 'word'; value: string; at: number }
  | { kind: 'op'; value: string; at: number }
  | { kind: 'paren'; value: '(' | ')'; at: number }
  | { kind: 'comma'; value: ','; at: number };

const OPERATORS = ['!=', '!~', '>=', '<=', '=', '~', '>', '<'];
// Jira's unquoted words: field names, values, functions, keys, dates, custom fields (cf[10010]), wildcards.
const WORD = /[\p{L}\p{N}_.\-@:/+*[\]$%^&]/u;

function invalid(message: string): ToolError {
  return new ToolError(
    JQL_INVALID,
    `jql: ${message}. Quote values with spaces, e.g. summary ~ "login page".`,
    {
      details: { field: 'jql' },
    },
  );
}

export function tokenize(jql: string): JqlToken[] {
  const tokens: JqlToken[] = [];
  let i = 0;
  while (i < jql.length) {
    const char = jql[i] as string;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const at = i;
    if (char === '"' || char === "'") {
      let value = '';
      i++;
      while (i < jql.length && jql[i] !== char) {
        if (jql[i] === '\\') {
          if (i + 1 >= jql.length) break;
          i++;
        }
        value += jql[i];
        i++;
      }
      if (i >= jql.length) throw invalid(`the quote at position ${at + 1} is never closed`);
      i++;
      tokens.push({ kind: 'string', value, at });
      continue;
    }
    if (char === '(' || char === ')') {
      tokens.push({ kind: 'paren', value: char, at });
      i++;
      continue;
    }
    if (char === ',') {
      tokens.push({ kind: 'comma', value: ',', at });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => jql.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', value: op, at });
      i += op.length;
      continue;
    }
    if (!WORD.test(char)) throw invalid(`unexpected character ${JSON.stringify(char)} at position ${at + 1}`);
    let value = '';
    while (i < jql.length && WORD.test(jql[i] as string)) value += jql[i++];
    tokens.push({ kind: 'word', value, at });
  }
  return tokens;
}

const isWord = (token: JqlToken | undefined, word: string) =>
  token?.kind === 'word' && token.value.toUpperCase() === word;

/** The tokens written back as JQL: strings re-quoted by the server, so none can end early. */
export function serialize(tokens: readonly JqlToken[]): string {
  let out = '';
  tokens.forEach((token, i) => {
    const text = token.kind === 'string' ? `"${token.value.replace(/["\\]/g, '\\$&')}"` : token.value;
    const previous = tokens[i - 1];
    const tight =
      i === 0 ||
      token.kind === 'comma' ||
      (token.kind === 'paren' && token.value === ')') ||
      (previous?.kind === 'paren' && previous.value === '(') ||
      // a function call: name(args)
      (token.kind === 'paren' &&
        token.value === '(' &&
        previous?.kind === 'word' &&
        !isKeyword(previous.value));
    out += tight ? text : ` ${text}`;
  });
  return out;
}

const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS',
  'WAS',
  'CHANGED',
  'EMPTY',
  'NULL',
  'ORDER',
  'BY',
  'ASC',
  'DESC',
]);
const isKeyword = (word: string) => KEYWORDS.has(word.toUpperCase());

export interface ParsedJql {
  readonly where: JqlToken[];
  readonly orderBy: JqlToken[];
}

/** The condition and the order of a caller's JQL, checked for balance; refused with `invalid_jql` otherwise. */
export function parseJql(jql: string): ParsedJql {
  const tokens = tokenize(jql);
  let depth = 0;
  let split = tokens.length;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as JqlToken;
    if (token.kind === 'paren') {
      depth += token.value === '(' ? 1 : -1;
      if (depth < 0) throw invalid(`the ")" at position ${token.at + 1} closes nothing`);
    } else if (isWord(token, 'ORDER') && isWord(tokens[i + 1], 'BY')) {
      if (depth !== 0) throw invalid(`ORDER BY at position ${token.at + 1} is inside parentheses`);
      split = i;
      break;
    }
  }
  if (depth !== 0) throw invalid('a "(" is never closed');
  const where = tokens.slice(0, split);
  const orderBy = split < tokens.length ? tokens.slice(split + 2) : [];
  if (split < tokens.length) {
    if (orderBy.length === 0) throw invalid('ORDER BY names no field');
    const bad = orderBy.find((t) => t.kind !== 'word' && t.kind !== 'string' && t.kind !== 'comma');
    if (bad) throw invalid(`ORDER BY may hold only fields, ASC/DESC and commas (position ${bad.at + 1})`);
  }
  return { where, orderBy };
}

/** Fields whose values name a project (directly, or through an issue key `KEY-123`). */
const PROJECT_FIELDS = new Set(['PROJECT']);
const ISSUE_FIELDS = new Set(['KEY', 'ISSUEKEY', 'ISSUE', 'ID', 'PARENT']);

/**
 * The project keys a condition names literally (`project = X`, `project in (X, Y)`, `key = X-1`), uppercase.
 * Names and ids of projects cannot be told from keys here; the server's own project clause bounds those.
 */
export function projectsNamed(where: readonly JqlToken[]): string[] {
  const named = new Set<string>();
  for (let i = 0; i < where.length; i++) {
    const field = where[i] as JqlToken;
    if (field.kind !== 'word' && field.kind !== 'string') continue;
    const name = field.value.toUpperCase();
    const isProject = PROJECT_FIELDS.has(name);
    if (!isProject && !ISSUE_FIELDS.has(name)) continue;
    // Skip the operator (one or two tokens: `=`, `in`, `not in`, `was`, `was not in`...).
    let j = i + 1;
    while (
      j < where.length &&
      (where[j]?.kind === 'op' || ['IN', 'NOT', 'WAS', 'IS'].some((w) => isWord(where[j], w)))
    )
      j++;
    const values: JqlToken[] = [];
    if (where[j]?.kind === 'paren' && where[j]?.value === '(') {
      for (j++; j < where.length && where[j]?.kind !== 'paren'; j++) values.push(where[j] as JqlToken);
    } else if (where[j]) values.push(where[j] as JqlToken);
    for (const value of values) {
      if (value.kind !== 'word' && value.kind !== 'string') continue;
      const text = value.value.toUpperCase();
      if (isProject && /^[A-Z][A-Z0-9_]+$/.test(text) && !isKeyword(text)) named.add(text);
      const key = /^([A-Z][A-Z0-9_]+)-\d+$/.exec(text);
      if (!isProject && key) named.add(key[1] as string);
    }
  }
  return [...named].sort();
}

/** `project in ("A", "B")`: the server's bound, written by the server. */
export function projectClause(projects: readonly string[]): string {
  return `project in (${projects.map((p) => `"${p}"`).join(', ')})`;
}

/**
 * The JQL to send: the caller's condition inside the project bound, and its order. `projects` are the keys the
 * caller may reach (never empty: with no project reachable there is nothing to search).
 */
export function boundJql(
  projects: readonly string[],
  parsed: ParsedJql,
  defaultOrder = 'updated DESC',
): string {
  if (projects.length === 0) throw new Error('boundJql needs at least one project');
  const where = parsed.where.length > 0 ? ` AND (${serialize(parsed.where)})` : '';
  const order = parsed.orderBy.length > 0 ? serialize(parsed.orderBy) : defaultOrder;
  return `${projectClause(projects)}${where} ORDER BY ${order}`;
}

/** A value written into JQL by the server from a structured filter: always quoted. */
export const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/** `parsed` with the server's own conditions (written with `quote`) ANDed in front of the caller's. */
export function withConditions(conditions: readonly string[], parsed: ParsedJql): ParsedJql {
  if (conditions.length === 0) return parsed;
  const own = tokenize(conditions.join(' AND '));
  const at = own.length;
  const caller: JqlToken[] =
    parsed.where.length === 0
      ? []
      : [
          { kind: 'word', value: 'AND', at },
          { kind: 'paren', value: '(', at },
          ...parsed.where,
          { kind: 'paren', value: ')', at },
        ];
  return { where: [...own, ...caller], orderBy: parsed.orderBy };
}
