-- 留言: followers' comments on articles, each checked automatically and then by people.
-- status: pending (awaiting an operator), approved (shown to everyone), rejected (by an
-- operator), blocked (by the automatic check), deleted (by its author or an operator).
-- Only approved comments reach other readers; the author also sees their own pending,
-- rejected and blocked ones. Rows are never removed, so limits count deleted comments too.
CREATE TABLE comments (
  id              BIGSERIAL PRIMARY KEY,
  article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  user_id         BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  text            TEXT NOT NULL,
  -- The text folded for duplicate detection (width, case, spacing).
  text_key        TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'blocked', 'deleted')),
  -- 精选: shown first.
  featured        BOOLEAN NOT NULL DEFAULT FALSE,
  -- Kept equal to the rows in comment_likes, in the same transaction as each like.
  likes           INTEGER NOT NULL DEFAULT 0 CHECK (likes >= 0),
  -- The automatic check: its outcome and why (matched words, provider labels).
  check_outcome   TEXT NOT NULL CHECK (check_outcome IN ('pass', 'review', 'block')),
  check_reasons   JSONB NOT NULL DEFAULT '[]'::jsonb,
  -- The last operator decision.
  decided_by      TEXT,
  decided_at      TIMESTAMPTZ,
  decision_reason TEXT,
  -- The account's reply, shown under the comment.
  reply_text      TEXT,
  reply_at        TIMESTAMPTZ,
  -- A moderator's claim on a queue item, until it expires or they decide.
  claimed_by      TEXT,
  claimed_until   TIMESTAMPTZ,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at      TIMESTAMPTZ
);
CREATE INDEX comments_public_idx ON comments (article_id, featured DESC, id DESC) WHERE status = 'approved';
CREATE INDEX comments_author_idx ON comments (user_id, created_at);
CREATE INDEX comments_queue_idx ON comments (id) WHERE status = 'pending';

-- One like per follower per comment.
CREATE TABLE comment_likes (
  comment_id  BIGINT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (comment_id, user_id)
);
