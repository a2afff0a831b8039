/**
 * Tamper evidence for the audit log (audit-chain.ts): every record stored from now on carries its stream (one per
 * server process), its place in it (`seq`), the previous record's hash and its own. Rows stored before this
 * migration have none: they are the legacy segment, counted by `gatehouse audit verify` but not verifiable.
 *
 * - (stream, seq) is unique, so a batch retried after a commit the sink did not hear about stores nothing twice
 *   (the insert skips a record already there);
 * - new rows must be chained (a CHECK that is NOT VALID: the rows already there are not checked);
 * - `audit_chain_start` remembers the last legacy id, so an unchained row stored later is reported, not excused.
 *
 * Additive: nullable columns, no rewrite of existing rows. Building the unique index locks out inserts for as
 * long as it takes on a large table.
 */
export const auditChain = {
  version: 4,
  name: 'audit-chain',
  sql: `
ALTER TABLE gatehouse.audit_log
  ADD COLUMN stream text,
  ADD COLUMN seq bigint,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash text,
  ADD COLUMN phase text,
  ADD COLUMN call_id text;
CREATE UNIQUE INDEX audit_log_stream_seq ON gatehouse.audit_log (stream, seq);
ALTER TABLE gatehouse.audit_log ADD CONSTRAINT audit_log_chained
  CHECK (stream IS NOT NULL AND seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL) NOT VALID;
CREATE TABLE gatehouse.audit_chain_start (
  last_legacy_id  bigint NOT NULL,
  started_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO gatehouse.audit_chain_start (last_legacy_id) SELECT coalesce(max(id), 0) FROM gatehouse.audit_log;
`,
};
