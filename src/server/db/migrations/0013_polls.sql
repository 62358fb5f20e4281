-- Polls. The definition is one row (options as JSONB, edited together with it); what is
-- written under contention is only ever INSERTed: one ballot per follower (per day for
-- daily polls) guarded by a unique index, and one row per chosen option. Counts are read
-- from the index, so simultaneous voters never queue on a shared counter row
-- (see src/server/polls/README.md).
CREATE TABLE polls (
  id            TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  description   TEXT,
  -- [{id, label, imageUrl?}] in display order; ids are stable once votes exist.
  options       JSONB NOT NULL,
  max_choices   INTEGER NOT NULL DEFAULT 1 CHECK (max_choices >= 1),
  -- 'always' | 'after_vote' | 'after_close': when a reader may see the counts.
  show_results  TEXT NOT NULL DEFAULT 'after_vote' CHECK (show_results IN ('always', 'after_vote', 'after_close')),
  -- 'signed_in' | 'followers' | 'members'.
  eligibility   TEXT NOT NULL DEFAULT 'signed_in' CHECK (eligibility IN ('signed_in', 'followers', 'members')),
  -- One ballot per follower per day (Asia/Shanghai) instead of one per poll.
  daily         BOOLEAN NOT NULL DEFAULT FALSE,
  opens_at      TIMESTAMPTZ,
  closes_at     TIMESTAMPTZ,
  -- Set when an operator closes the poll by hand.
  closed_at     TIMESTAMPTZ,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE poll_ballots (
  id          BIGSERIAL PRIMARY KEY,
  poll_id     TEXT NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
  user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- The voting day for daily polls; a fixed date otherwise, so one UNIQUE covers both.
  ballot_day  DATE NOT NULL DEFAULT DATE '1970-01-01',
  option_ids  TEXT[] NOT NULL,
  -- The share code of whoever shared the link the voter arrived through (NULL: direct).
  ref_code    TEXT,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (poll_id, user_id, ballot_day)
);
CREATE INDEX poll_ballots_ref_idx ON poll_ballots (poll_id, ref_code);

-- One row per chosen option of a ballot: counting is an index-only scan per poll.
CREATE TABLE poll_votes (
  ballot_id  BIGINT NOT NULL REFERENCES poll_ballots(id) ON DELETE CASCADE,
  poll_id    TEXT NOT NULL,
  option_id  TEXT NOT NULL,
  PRIMARY KEY (ballot_id, option_id)
);
CREATE INDEX poll_votes_count_idx ON poll_votes (poll_id, option_id);
