import { type JqlToken, tokenize } from '../src/jql/bound.ts';

/*
 * The part of JQL the fake Jira evaluates: fields summary, text, status, project, key/issuekey, assignee, labels,
 * type/issuetype, priority, with =, !=, ~, !~, in, not in, is (not) EMPTY, AND, OR, NOT, parentheses, and ORDER
 * BY created/updated/key/priority. Anything else is answered the way Jira answers an unknown field or syntax
 * error: a 400 with errorMessages. Enough to run the server's queries against data, not a JQL implementation.
 */

export interface JqlRecord {
  key: string;
  project: string;
  summary: string;
  text: string;
  status: string;
  assignee: string | undefined;
  labels: string[];
  type: string;
  priority: string | undefined;
  created: string;
  updated: string;
  sprint: string | undefined;
}

export class JqlError extends Error {}

const FIELDS: Record<string, (r: JqlRecord) => string | string[] | undefined> = {
  summary: (r) => r.summary,
  text: (r) => `${r.summary}\n${r.text}`,
  status: (r) => r.status,
  project: (r) => r.project,
  key: (r) => r.key,
  issuekey: (r) => r.key,
  assignee: (r) => r.assignee,
  labels: (r) => r.labels,
  type: (r) => r.type,
  issuetype: (r) => r.type,
  priority: (r) => r.priority,
  sprint: (r) => r.sprint,
};

type Predicate = (r: JqlRecord) => boolean;

export function compileJql(jql: string): { where: Predicate; order: (a: JqlRecord, b: JqlRecord) => number } {
  let tokens: JqlToken[];
  try {
    tokens = tokenize(jql);
  } catch {
    throw new JqlError(`Error in the JQL Query: the query is not valid.`);
  }
  let i = 0;
  const peekWord = (w: string) => tokens[i]?.kind === 'word' && tokens[i]?.value.toUpperCase() === w;
  const expect = (value: string) => {
    if (tokens[i]?.value !== value)
      throw new JqlError(`Error in the JQL Query: Expecting '${value}' at position ${i}.`);
    i++;
  };
  const value = (): string => {
    const t = tokens[i++];
    if (!t || (t.kind !== 'word' && t.kind !== 'string'))
      throw new JqlError('Error in the JQL Query: Expecting a value.');
    return t.value;
  };
  const values = (): string[] => {
    expect('(');
    const out = [value()];
    while (tokens[i]?.kind === 'comma') {
      i++;
      out.push(value());
    }
    expect(')');
    return out;
  };
  const clause = (): Predicate => {
    const field = value().toLowerCase();
    const read = FIELDS[field];
    if (!read)
      throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
    const eq = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();
    const has = (r: JqlRecord, b: string) => {
      const v = read(r);
      return Array.isArray(v) ? v.some((x) => eq(x, b)) : eq(v, b);
    };
    if (peekWord('IS')) {
      i++;
      const not = peekWord('NOT');
      if (not) i++;
      if (!peekWord('EMPTY') && !peekWord('NULL'))
        throw new JqlError('Error in the JQL Query: Expecting EMPTY.');
      i++;
      const empty = (r: JqlRecord) => {
        const v = read(r);
        return v === undefined || (Array.isArray(v) && v.length === 0);
      };
      return not ? (r) => !empty(r) : empty;
    }
    if (peekWord('NOT') || peekWord('IN')) {
      const not = peekWord('NOT');
      if (not) i++;
      if (!peekWord('IN')) throw new JqlError("Error in the JQL Query: Expecting 'IN'.");
      i++;
      const list = values();
      return (r) => list.some((b) => has(r, b)) !== not;
    }
    const op = tokens[i++]?.value;
    const v = value();
    switch (op) {
      case '=':
        return (r) => has(r, v);
      case '!=':
        return (r) => !has(r, v);
      case '~':
        return (r) =>
          String(read(r) ?? '')
            .toLowerCase()
            .includes(v.toLowerCase());
      case '!~':
        return (r) =>
          !String(read(r) ?? '')
            .toLowerCase()
            .includes(v.toLowerCase());
      default:
        throw new JqlError(
          `Error in the JQL Query: The operator '${op}' is not supported by the '${field}' field.`,
        );
    }
  };
  const unary = (): Predicate => {
    if (peekWord('NOT')) {
      i++;
      const inner = unary();
      return (r) => !inner(r);
    }
    if (tokens[i]?.value === '(') {
      i++;
      const inner = or();
      expect(')');
      return inner;
    }
    return clause();
  };
  const and = (): Predicate => {
    const parts = [unary()];
    while (peekWord('AND')) {
      i++;
      parts.push(unary());
    }
    return (r) => parts.every((p) => p(r));
  };
  const or = (): Predicate => {
    const parts = [and()];
    while (peekWord('OR')) {
      i++;
      parts.push(and());
    }
    return (r) => parts.some((p) => p(r));
  };
  const where = tokens.length === 0 || peekWord('ORDER') ? () => true : or();
  const keys: { field: keyof JqlRecord; desc: boolean }[] = [];
  if (peekWord('ORDER')) {
    i += 2;
    while (i < tokens.length) {
      const named = value().toLowerCase();
      // Rank is the board order; the fake's board is ordered by key.
      const field = (named === 'rank' ? 'key' : named) as keyof JqlRecord;
      if (!['created', 'updated', 'key', 'priority'].includes(field))
        throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
      const desc = peekWord('DESC');
      if (desc || peekWord('ASC')) i++;
      keys.push({ field, desc });
      if (tokens[i]?.kind === 'comma') i++;
    }
  }
  if (i < tokens.length)
    throw new JqlError(`Error in the JQL Query: Expecting either 'OR' or 'AND' at position ${i}.`);
  return {
    where,
    order: (a, b) => {
      for (const { field, desc } of keys) {
        const c = String(a[field] ?? '').localeCompare(String(b[field] ?? ''), 'en', { numeric: true });
        if (c !== 0) return desc ? -c : c;
      }
      return 0;
    },
  };
}
