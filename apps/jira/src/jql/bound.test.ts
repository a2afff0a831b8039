import { describe, expect, it } from 'vitest';
import { JQL_TRICKS as CORPUS } from '../../test/jql-tricks.ts';
import { boundJql, parseJql, projectsNamed, tokenize } from './bound.ts';

const ALLOWED = ['API', 'WEB'];
const bound = (jql: string) => boundJql(ALLOWED, parseJql(jql));

/**
 * Whether `jql` (as sent) can reach outside the allowed projects: its top level must be the server's project
 * clause ANDed with one parenthesized group, then ORDER BY. Checked on the tokens of what is sent, so a trick
 * that survives rewriting would show up as a top-level OR or a second group.
 */
function reachesOutside(sent: string): boolean {
  const tokens = tokenize(sent);
  let depth = 0;
  let groups = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'paren') {
      if (t.value === '(' && depth === 0) groups++;
      depth += t.value === '(' ? 1 : -1;
      continue;
    }
    if (depth === 0 && t.kind === 'word' && t.value.toUpperCase() === 'ORDER') break;
    if (depth === 0 && t.kind === 'word' && !['project', 'in', 'AND'].includes(t.value)) return true;
  }
  return groups > 2;
}

describe('boundJql', () => {
  it('puts the condition inside the server project clause, and keeps the order', () => {
    expect(bound('status = "In Progress" OR assignee is EMPTY ORDER BY priority DESC, created')).toBe(
      'project in ("API", "WEB") AND (status = "In Progress" OR assignee is EMPTY) ORDER BY priority DESC, created',
    );
    expect(bound('')).toBe('project in ("API", "WEB") ORDER BY updated DESC');
    expect(bound('assignee in membersOf("team a") AND cf[10010] > 3')).toBe(
      'project in ("API", "WEB") AND (assignee in membersOf("team a") AND cf[10010] > 3) ORDER BY updated DESC',
    );
  });

  for (const jql of CORPUS) {
    it(`cannot widen past the projects: ${JSON.stringify(jql)}`, () => {
      let sent: string;
      try {
        sent = bound(jql);
      } catch (error) {
        // Refused before anything is sent: a clear invalid_jql naming what is wrong.
        expect((error as { code?: string }).code).toBe('invalid_jql');
        expect((error as Error).message).toMatch(/^jql: /);
        return;
      }
      expect(sent.startsWith('project in ("API", "WEB")')).toBe(true);
      expect(reachesOutside(sent)).toBe(false);
    });
  }

  it('refuses what does not parse, saying where', () => {
    expect(() => bound('summary ~ "open')).toThrow(/quote at position 11 is never closed/);
    expect(() => bound('status = Open)')).toThrow(/closes nothing/);
    expect(() => bound('(status = Open')).toThrow(/never closed/);
    expect(() => bound('status = Open; DROP')).toThrow(/unexpected character ";"/);
    expect(() => bound('status = Open ORDER BY (created)')).toThrow(/ORDER BY may hold only/);
    expect(() => bound('(status = Open ORDER BY created)')).toThrow(/inside parentheses/);
  });
});

describe('projectsNamed', () => {
  it('finds the project keys a condition names, directly or through issue keys', () => {
    const named = (jql: string) => projectsNamed(parseJql(jql).where);
    expect(
      named('project = other OR project in (API, "Web") OR key = SEC-12 OR issuekey in (A1-1, x)'),
    ).toEqual(['A1', 'API', 'OTHER', 'SEC', 'WEB']);
    expect(named('project is not EMPTY AND summary ~ "project = X"')).toEqual([]);
  });
});
