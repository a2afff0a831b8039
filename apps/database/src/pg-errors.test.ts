import { ToolError } from '@gatehouse/kit';
import { describe, expect, it } from 'vitest';
import { toSqlToolError } from './pg-errors.ts';

/** The shape pg's DatabaseError has on the wire: message, SQLSTATE code, and fields we must not echo. */
function databaseError(code: string, message: string): Error {
  return Object.assign(new Error(message), {
    code,
    detail: 'Key (ssn)=(001-12-3456) already exists.',
    internalQuery: 'select secret from internals',
  });
}

describe('toSqlToolError', () => {
  it.each([
    ['57014', 'sql_timeout', 'canceling statement due to statement timeout'],
    ['55P03', 'sql_lock_timeout', 'canceling statement due to lock timeout'],
    ['42501', 'sql_permission_denied', 'permission denied for schema secrets'],
    ['25006', 'sql_read_only', 'cannot execute UPDATE in a read-only transaction'],
    ['42P01', 'sql_error', 'relation "nope" does not exist'],
  ])('maps SQLSTATE %s to %s with PostgreSQL’s message and nothing more', (state, code, message) => {
    const error = toSqlToolError(databaseError(state, message));
    expect(error).toBeInstanceOf(ToolError);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('001-12-3456');
    expect(error.message).not.toContain('internals');
    expect(error.details).toEqual({ sqlstate: state });
  });

  it('reports a lost connection without a SQLSTATE as a generic sql_error', () => {
    const error = toSqlToolError(new Error('Connection terminated unexpectedly'));
    expect(error.code).toBe('sql_error');
    expect(error.message).toMatch(/connection was lost/);
  });
});
