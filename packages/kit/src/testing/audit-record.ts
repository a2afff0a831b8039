import type { AuditRecord } from '../audit/record.ts';

/** A complete, plausible audit record for tests of audit stores and readers; any field can be overridden. */
export function sampleAuditRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    time: '2030-01-01T00:00:00.000Z',
    actor: 'alice',
    via: 'api-key',
    client: 'test-client/1.0.0',
    server: 'notes',
    kind: 'tool',
    name: 'list_notes',
    version: '1.0.0',
    access: 'read',
    target: 'notebook:demo',
    decision: 'allowed',
    outcome: 'ok',
    durationMs: 1.25,
    inputDigest: 'sha256:abc',
    redactions: {},
    outputBytes: 120,
    ...overrides,
  };
}
