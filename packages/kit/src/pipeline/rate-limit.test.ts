import { describe, expect, it } from 'vitest';
import { notesGate, startCall } from '../../test/fixtures.ts';
import { authorizeStep } from './authorize.ts';
import { rateLimitStep } from './rate-limit.ts';

describe('rate-limit step', () => {
  it('allows within the bucket and marks the request allowed', async () => {
    const { gate } = notesGate({ rateLimit: { default: { capacity: 1, refillPerSecond: 0.001 } } });
    const call = startCall(gate, 'tools/list', {});
    await rateLimitStep(call);
    expect(call.audit.decision).toBe('allowed');
  });

  it('refuses past the bucket with retry-after, per caller and method', async () => {
    const { gate } = notesGate({ rateLimit: { default: { capacity: 1, refillPerSecond: 0.001 } } });
    await rateLimitStep(startCall(gate, 'tools/list', {}));
    const again = startCall(gate, 'tools/list', {});
    await expect(rateLimitStep(again)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(again.audit.decision).toBe('denied');
    // Another method has its own bucket.
    await expect(rateLimitStep(startCall(gate, 'prompts/list', {}))).resolves.toBeUndefined();
  });

  it('uses a name’s own rule for tools', async () => {
    const { gate } = notesGate({
      rateLimit: {
        default: { capacity: 100, refillPerSecond: 1 },
        tools: { get_note: { capacity: 1, refillPerSecond: 0.001 } },
      },
    });
    const first = startCall(gate, 'tools/call', { name: 'get_note', arguments: { id: 'n1' } });
    authorizeStep(first);
    await rateLimitStep(first);
    const second = startCall(gate, 'tools/call', { name: 'get_note', arguments: { id: 'n1' } });
    authorizeStep(second);
    await expect(rateLimitStep(second)).rejects.toThrow(/Rate limit for get_note/);
  });
});
