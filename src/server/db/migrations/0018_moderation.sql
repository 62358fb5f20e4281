-- The sensitive-word list operators edit (/api/admin/moderation/words). `normalized` is the
-- form the check compares (full width folded, Simplified Chinese, letters and digits only);
-- it keeps two spellings of one word from being listed twice.
CREATE TABLE moderation_words (
  id          BIGSERIAL PRIMARY KEY,
  word        TEXT NOT NULL,
  normalized  TEXT NOT NULL UNIQUE,
  -- block: hidden from everyone but the author; review: always goes to a person.
  level       TEXT NOT NULL CHECK (level IN ('block', 'review')),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The account's moderation settings: one row, absent until an operator changes a default.
CREATE TABLE moderation_settings (
  id                    BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
  -- Comments the automatic check passes are shown at once, without waiting for a person.
  auto_approve_on_pass  BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
