import { describe, expect, it } from 'vitest';
import { expectKept, redact } from '../test-expect.ts';
import { chars, fake } from '../test-fixtures.ts';

describe('an AWS secret next to its key id, without a label', () => {
  it('in a log line', () => {
    const id = fake.awsAccessKey(2);
    const secret = fake.awsSecretKey(3);
    const result = redact(`loaded credentials ${id} ${secret} from profile ci`);
    expect(result.text).toBe(
      'loaded credentials [REDACTED:aws_access_key] [REDACTED:aws_secret_key] from profile ci',
    );
  });

  it("in IAM's credentials CSV", () => {
    const id = fake.awsAccessKey(4);
    const secret = fake.awsSecretKey(5);
    const result = redact(
      `deploy,Hunter2pass!,${id},${secret},https://123456789012.signin.aws.amazon.com/console`,
    );
    expect(result.text).toContain('[REDACTED:aws_secret_key]');
    expect(result.text).not.toContain(secret);
  });

  it('keeps a git SHA or a hash next to a key id', () => {
    const id = fake.awsAccessKey(6);
    const result = redact(`key ${id} commit ${chars(40, 7, '0123456789abcdef')}`);
    expect(result.text).toBe(`key [REDACTED:aws_access_key] commit ${chars(40, 7, '0123456789abcdef')}`);
  });

  it('keeps a 40-character value with no key id near it', () => {
    expectKept(`build ${chars(40, 8)} finished`);
  });
});
