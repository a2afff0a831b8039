/**
 * Who decided an approval and through which channel (`cli`, `console`, `elicitation`): on the approval, and on the
 * audit record of the call it decided (`approver`, `approval_channel`). Earlier rows have none: NULL, read back
 * as absent fields.
 */
export const approvalChannel = {
  version: 3,
  name: 'approval-channel',
  sql: `
ALTER TABLE gatehouse.approvals ADD COLUMN decided_via text
  CHECK (decided_via IN ('cli', 'console', 'elicitation'));
ALTER TABLE gatehouse.audit_log ADD COLUMN approver text, ADD COLUMN approval_channel text;
`,
};
