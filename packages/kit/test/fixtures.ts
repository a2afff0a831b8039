import { pino } from 'pino';
import { createNotebook, type Note, notesServer } from '../example/notes-server.ts';
import { createMemoryAuditSink } from '../src/audit/sinks.ts';
import type { Identity } from '../src/identity.ts';
import type { Gate } from '../src/pipeline/gate.ts';
import type { Call } from '../src/pipeline/kinds/call.ts';
import { newCall } from '../src/pipeline/run.ts';
import { parsePolicy } from '../src/policy/policy.ts';
import type { KitServerOptions } from '../src/server.ts';
import { createKitServer } from '../src/server.ts';

export const POLICY = parsePolicy(
  `
roles:
  editor:
    scopes: [notes:read, notes:write]
    tools: ["*"]
    targets: ["notebook:*", "note:*"]
    approvals: in_band
  reader:
    scopes: [notes:read]
    tools: [list_notes, get_note, summarize_notes, note]
    targets: ["notebook:*", "note:n1", "note:n2"]
  trusted:
    scopes: [notes:read, notes:write]
    tools: [add_note]
    targets: ["notebook:*"]
    approvals: not_required
`,
  'test-policy.yaml',
);

export const ALICE: Identity = { actor: 'alice', roles: ['editor'], scopes: [], via: 'stdio' };
export const BOB: Identity = { actor: 'bob', roles: ['reader'], scopes: [], via: 'stdio' };

/** A fresh notes server with an in-memory notebook and audit sink, so each test sees only its own records. */
export function notesFixture(notes?: readonly Note[], overrides: Partial<KitServerOptions> = {}) {
  const notebook = createNotebook(notes);
  const audit = createMemoryAuditSink();
  const options: KitServerOptions = {
    policy: POLICY,
    audit,
    logger: pino({ level: 'silent' }),
    ...overrides,
  };
  return { notebook, audit, definition: notesServer(notebook), options };
}

// Result helpers are the ones authors get from @gatehouse/kit/testing.
export { approvalIdOf, errorCodeOf, textOf } from '../src/testing/results.ts';

/** A fresh notes server's gate (the pipeline's state) and audit sink, for the unit tests of single steps. */
export function notesGate(overrides: Partial<KitServerOptions> = {}) {
  const fx = notesFixture(undefined, overrides);
  const kit = createKitServer(fx.definition, fx.options);
  return { ...fx, gate: kit.gate };
}

/** A request on its way through the steps, as `runRequest` starts it, for driving one step at a time. */
export function startCall(
  gate: Gate,
  method: string,
  params: Record<string, unknown>,
  identity: Identity = ALICE,
): Call {
  return newCall(gate, method, params, { identity, approvalChannel: 'out-of-band' });
}

/** Reads until `done` says the value is the one awaited (or the time is up), and returns the last value read. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
