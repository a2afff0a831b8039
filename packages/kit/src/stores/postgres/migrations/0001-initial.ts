/**
 * The kit's shared state: the audit log (append-only), approvals and rate-limit buckets. Applied once; never
 * edit an applied migration (its checksum is recorded), add the next one instead.
 */
export const initial = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE gatehouse.audit_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  time          timestamptz NOT NULL,
  actor         text NOT NULL,
  via           text NOT NULL,
  client        text,
  server        text NOT NULL,
  kind          text NOT NULL,
  name          text NOT NULL,
  version       text NOT NULL,
  access        text,
  target        text,
  decision      text NOT NULL,
  outcome       text NOT NULL,
  code          text,
  duration_ms   double precision NOT NULL,
  input_digest  text,
  redactions    jsonb NOT NULL DEFAULT '{}',
  output_bytes  bigint NOT NULL,
  approval_id   text,
  stored_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_time ON gatehouse.audit_log (time, id);
CREATE INDEX audit_log_actor ON gatehouse.audit_log (actor, time);
CREATE INDEX audit_log_server ON gatehouse.audit_log (server, time);
CREATE INDEX audit_log_tool ON gatehouse.audit_log (name, time);
CREATE INDEX audit_log_decision ON gatehouse.audit_log (decision, time);

-- The owner of a table can always UPDATE and DELETE it, so REVOKE cannot make it append-only: a trigger does.
CREATE FUNCTION gatehouse.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'gatehouse.audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON gatehouse.audit_log
  FOR EACH ROW EXECUTE FUNCTION gatehouse.audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON gatehouse.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION gatehouse.audit_log_append_only();

CREATE TABLE gatehouse.approvals (
  id            text PRIMARY KEY,
  seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  actor         text NOT NULL,
  server        text NOT NULL,
  tool          text NOT NULL,
  input_digest  text NOT NULL,
  target        text NOT NULL,
  summary       text NOT NULL,
  status        text NOT NULL CHECK (status IN ('pending', 'granted', 'denied', 'used')),
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  decided_by    text,
  decided_at    timestamptz,
  reason        text,
  consumed_at   timestamptz
);
CREATE INDEX approvals_granted ON gatehouse.approvals (actor, server, tool, input_digest, seq)
  WHERE status = 'granted';
CREATE INDEX approvals_actor ON gatehouse.approvals (actor, seq);

CREATE TABLE gatehouse.rate_limit_buckets (
  key         text PRIMARY KEY,
  tokens      double precision NOT NULL,
  -- epoch milliseconds of the take's clock (the kit's RateLimiter passes 'now'), not the database's
  updated_ms  double precision NOT NULL,
  allowed     boolean NOT NULL
);
`,
} as const;
