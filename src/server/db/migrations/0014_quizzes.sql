-- Quizzes. Questions, options, the answer key, explanations and outcome weights live in
-- JSONB on the quiz row and never leave the server before a submission: the public view
-- is built field by field (src/server/quizzes/views.ts).
CREATE TABLE quizzes (
  id                  TEXT PRIMARY KEY,
  title               TEXT NOT NULL,
  description         TEXT,
  -- 'scored': right answers and points; 'outcome': options weigh outcomes, the heaviest wins.
  mode                TEXT NOT NULL CHECK (mode IN ('scored', 'outcome')),
  time_limit_seconds  INTEGER CHECK (time_limit_seconds > 0),
  attempts_allowed    INTEGER NOT NULL DEFAULT 1 CHECK (attempts_allowed >= 1),
  -- [{id, prompt, kind, imageUrl?, points, explanation?, options:[{id, label, correct?, weights?}]}]
  questions           JSONB NOT NULL,
  -- [{id, title, description, imageUrl?}] for outcome quizzes; [] for scored ones.
  outcomes            JSONB NOT NULL DEFAULT '[]'::jsonb,
  opens_at            TIMESTAMPTZ,
  closed_at           TIMESTAMPTZ,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per attempt, created when the server stamps its start (timed quizzes) or on
-- submission. attempt_no makes a follower's attempts unique under concurrent starts.
CREATE TABLE quiz_attempts (
  id             BIGSERIAL PRIMARY KEY,
  quiz_id        TEXT NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
  user_id        BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  attempt_no     INTEGER NOT NULL,
  started_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- started_at + time limit; NULL when the quiz is untimed.
  deadline_at    TIMESTAMPTZ,
  submitted_at   TIMESTAMPTZ,
  answers        JSONB,
  score          INTEGER,
  max_score      INTEGER,
  correct_count  INTEGER,
  outcome_id     TEXT,
  ref_code       TEXT,
  UNIQUE (quiz_id, user_id, attempt_no)
);
-- Percentiles compare against first attempts only.
CREATE INDEX quiz_first_attempts_idx ON quiz_attempts (quiz_id, score) WHERE attempt_no = 1 AND submitted_at IS NOT NULL;
