-- "Notify me when the next part is out": which readers asked about which series (the page's
-- hint), and the messages to send when a part is published, one per (part, reader).

CREATE TABLE series_subscriptions (
  user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  series_id   TEXT NOT NULL,
  template_id TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, series_id)
);
CREATE INDEX series_subscriptions_series_idx ON series_subscriptions (series_id);

-- The outbox: the unique (article_id, openid) makes "once each" hold across instances and
-- repeated publish events; rows are claimed before the call to WeChat and settled after it.
CREATE TABLE subscribe_message_outbox (
  id              BIGSERIAL PRIMARY KEY,
  article_id      TEXT NOT NULL,
  openid          TEXT NOT NULL,
  series_id       TEXT NOT NULL,
  template_id     TEXT NOT NULL,
  page            TEXT NOT NULL,
  data            JSONB NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'refused', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_errcode    INTEGER,
  last_error      TEXT,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  claimed_until   TIMESTAMPTZ,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  sent_at         TIMESTAMPTZ,
  UNIQUE (article_id, openid)
);
CREATE INDEX subscribe_message_outbox_due_idx ON subscribe_message_outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
