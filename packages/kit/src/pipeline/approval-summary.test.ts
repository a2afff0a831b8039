import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redact/index.ts';
import { approvalSummary } from './approval-summary.ts';

const redactor = createRedactor();
const tool = { name: 'delete_file', title: 'Delete a file', access: 'destructive' as const };

describe('approvalSummary', () => {
  it('shows invisible and bidi characters as visible escapes, wherever they are', () => {
    const summary = approvalSummary(redactor, {
      actor: 'mallory\u200B',
      tool,
      target: 'file:report\u202Etxt.exe',
      input: { path: 'report\u202Etxt.exe', 'note\u2066': 'ok\u{E0041}' },
    });
    expect(summary).toBe(
      'mallory\\u200B asks to run DESTRUCTIVE delete_file (Delete a file) on file:report\\u202Etxt.exe with:\n' +
        'path: report\\u202Etxt.exe\nnote\\u2066: ok\\u{E0041}',
    );
  });

  it('redacts secrets, also one split by invisible characters', () => {
    const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const summary = approvalSummary(redactor, {
      actor: 'alice',
      tool: { ...tool, access: 'write' },
      target: 'file:x',
      input: { a: token, b: `${token.slice(0, 10)}\u200B${token.slice(10)}` },
    });
    expect(summary).not.toContain(token.slice(4, 20));
    expect(summary).toContain('a: [REDACTED:');
    expect(summary).toMatch(/b: \[REDACTED:[a-z_]+\] \[invisible characters removed\]/);
    expect(summary).not.toContain('DESTRUCTIVE');
  });
});
