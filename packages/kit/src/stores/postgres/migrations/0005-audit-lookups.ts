/**
 * Lookups the console makes on a large audit log, each on the few rows it concerns, so none of them walks the
 * whole table (bench/console: on 100,000 records an approval's records took 20x a trail page without them):
 *
 * - an approval's records (the refusal that asked, the decision, the call it allowed), and one call's intent
 *   and outcome: partial indexes, only rows that have the id (a small share of all records);
 * - records whose outcome is not `ok` (errors, timeouts, refusals), newest first: partial, so the common
 *   successful call pays nothing for it.
 *
 * Additive; building them locks out inserts for as long as it takes on a large table.
 */
export const auditLookups = {
  version: 5,
  name: 'audit-lookups',
  sql: `
CREATE INDEX audit_log_approval ON gatehouse.audit_log (approval_id, time, id) WHERE approval_id IS NOT NULL;
CREATE INDEX audit_log_call ON gatehouse.audit_log (call_id) WHERE call_id IS NOT NULL;
CREATE INDEX audit_log_not_ok ON gatehouse.audit_log (outcome, time, id) WHERE outcome <> 'ok';
`,
};
