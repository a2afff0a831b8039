import { describe, expect, it } from 'vitest';
import { expectKept, redact } from '../test-expect.ts';
import { fake } from '../test-fixtures.ts';

describe('tokens broken over lines', () => {
  it.each([
    [
      'a log shipper wrapping at a fixed width, both halves short',
      (t: string) => `${t.slice(0, 9)}\n    ${t.slice(9)}`,
      fake.awsAccessKey(3),
      'aws_access_key',
    ],
    [
      'a long first half',
      (t: string) => `${t.slice(0, 24)}\n    ${t.slice(24)}`,
      fake.githubClassic(4),
      'github_token',
    ],
    [
      'a YAML double-quoted continuation',
      (t: string) => `"${t.slice(0, 12)}\\\n    ${t.slice(12)}"`,
      fake.gitlab(5),
      'gitlab_token',
    ],
    [
      'a .properties continuation',
      (t: string) => `${t.slice(0, 10)}\\\n    ${t.slice(10)}`,
      fake.stripe(6),
      'stripe_key',
    ],
  ])('%s', (_name, wrap, token, kind) => {
    const result = redact(`auth dump: ${wrap(token)}\nnext line`);
    expect(result.text).not.toContain(token.slice(-8));
    expect(result.counts[kind]).toBe(1);
    expect(result.text.endsWith('\nnext line')).toBe(true);
  });

  it('does not swallow the next log line', () => {
    const token = fake.githubClassic(7);
    const result = redact(`using ${token}\n2024-08-10T23:42:22.005Z INFO [api] GET /healthz 200`);
    expect(result.text).toBe(
      'using [REDACTED:github_token]\n2024-08-10T23:42:22.005Z INFO [api] GET /healthz 200',
    );
  });

  it('keeps ordinary wrapped prose and short words at line ends', () => {
    expectKept(
      'the deploy key for the\n    staging cluster is rotated weekly\nghp_ is the prefix of classic tokens',
    );
  });
});
