import { describe, expect, it } from 'vitest';
import { embeddedLogfmt, parseLogfmt } from './logfmt.ts';

describe('logfmt', () => {
  it('reads bare and quoted values, escapes included', () => {
    expect(parseLogfmt('level=warn msg="said \\"no\\"" took=3ms empty=')).toEqual({
      level: 'warn',
      msg: 'said "no"',
      took: '3ms',
      empty: '',
    });
    expect(parseLogfmt('no pairs here')).toBeUndefined();
  });

  it('takes a JSON message as logfmt only when the whole message is pairs, two at least', () => {
    expect(embeddedLogfmt('level=error msg="card declined" trace_id=b2\n')).toEqual({
      level: 'error',
      msg: 'card declined',
      trace_id: 'b2',
    });
    expect(embeddedLogfmt('retry=3 then gave up')).toBeUndefined();
    expect(embeddedLogfmt('attempt=3')).toBeUndefined();
    expect(embeddedLogfmt('payment failed: code=51 reason=declined')).toBeUndefined();
    expect(embeddedLogfmt('a=1 b="unterminated')).toBeUndefined();
  });
});
