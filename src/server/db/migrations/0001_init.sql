-- Followers who signed in through WeChat OAuth. openid is per AppID; unionid
-- only arrives with snsapi_userinfo on accounts bound to an Open Platform.
CREATE TABLE users (
  id            BIGSERIAL PRIMARY KEY,
  openid        TEXT NOT NULL UNIQUE,
  unionid       TEXT,
  nickname      TEXT NOT NULL DEFAULT '',
  avatar_url    TEXT NOT NULL DEFAULT '',
  -- Snapshot-mode ("virtual") users carry fake identities: never charge or count them.
  is_snapshot   BOOLEAN NOT NULL DEFAULT FALSE,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Server-side sessions; the cookie holds a random token, the table only its SHA-256.
CREATE TABLE sessions (
  id            TEXT PRIMARY KEY,
  user_id       BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

-- The basic access_token and jsapi_ticket, shared by every API instance so
-- that no two instances refresh them and invalidate each other.
CREATE TABLE wechat_credentials (
  kind          TEXT PRIMARY KEY,
  value         TEXT NOT NULL,
  expires_at    TIMESTAMPTZ NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
