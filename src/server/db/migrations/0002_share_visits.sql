-- Anyone who opens a page gets a visitor id (cookie) and a share code to put
-- in the links they share; a visitor becomes linked to a user on sign-in.
CREATE TABLE visitors (
  id            BIGSERIAL PRIMARY KEY,
  token_hash    TEXT NOT NULL UNIQUE,
  share_code    TEXT NOT NULL UNIQUE,
  user_id       BIGINT REFERENCES users(id) ON DELETE SET NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX visitors_user_id_idx ON visitors (user_id);

-- One row per page opened through someone's shared link: the base of share
-- virality metrics (who shared what, who opened it, when).
CREATE TABLE share_opens (
  id                  BIGSERIAL PRIMARY KEY,
  sharer_visitor_id   BIGINT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
  opener_visitor_id   BIGINT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
  path                TEXT NOT NULL,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- Reloads and re-opens of the same link by the same person count once.
  UNIQUE (sharer_visitor_id, opener_visitor_id, path)
);
CREATE INDEX share_opens_created_at_idx ON share_opens (created_at);
