-- Append-only record of operator actions (refunds, price edits, moderation, publishing):
-- who did what to which object, when and from where. Rows are only ever inserted.
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- 'admin-token' today; an operator account id once the console has its own sign-in.
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  details JSONB NOT NULL DEFAULT '{}'::jsonb,
  ip TEXT
);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);
