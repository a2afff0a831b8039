import type { KindHandler } from './call.ts';
import { protocolFailure } from './protocol-errors.ts';

/** ping: nothing to resolve, validate or shape; it still passes identity and the rate limit, and is audited. */
export const pingHandler: KindHandler = {
  resolve() {},
  validate() {},
  target: () => undefined,
  execute: async () => ({}),
  shape: () => ({ result: {}, bytes: 0 }),
  fail: (_call, error) => protocolFailure(error),
};
