-- The Official Account's message endpoint (/wechat/events): pushes received once, followers,
-- and subscribe-message consent. docs/wechat-protocol.md §10.

-- One row per push WeChat delivered; its retries (same MsgId, or same sender + CreateTime +
-- event) hit the primary key and are acknowledged without being applied again.
CREATE TABLE wechat_inbound_events (
  dedupe_key  TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX wechat_inbound_events_received_idx ON wechat_inbound_events (received_at);

-- Who follows the account, from subscribe/unsubscribe events. last_event_at is the newest
-- event applied: an older one arriving late (a retry) never overwrites a newer state.
CREATE TABLE wechat_followers (
  openid        TEXT PRIMARY KEY,
  following     BOOLEAN NOT NULL,
  followed_at   TIMESTAMPTZ,
  unfollowed_at TIMESTAMPTZ,
  last_event_at TIMESTAMPTZ NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- 服务号订阅通知 consent per reader and template, from WeChat's pushed events only.
-- Each accept allows one message (a one-time subscription); a send that WeChat accepts
-- uses one, a reject or a 43101 answer clears them.
CREATE TABLE wechat_subscribe_consents (
  openid        TEXT NOT NULL,
  template_id   TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('accept', 'reject', 'used', 'refused')),
  remaining     INTEGER NOT NULL DEFAULT 0 CHECK (remaining >= 0),
  last_event_at TIMESTAMPTZ NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (openid, template_id)
);
CREATE INDEX wechat_subscribe_consents_template_idx ON wechat_subscribe_consents (template_id) WHERE remaining > 0;
