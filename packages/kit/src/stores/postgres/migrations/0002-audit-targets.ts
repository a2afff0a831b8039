/**
 * Audit records list every target a call checked (`targets`: the declared one plus those its handler checked while
 * running). Rows written before this migration have none: NULL, read back as an absent field.
 */
export const auditTargets = {
  version: 2,
  name: 'audit-targets',
  sql: `
ALTER TABLE gatehouse.audit_log ADD COLUMN targets text[];
`,
};
