-- Posts made of blocks (issue 12). The body becomes one ordered list of typed blocks; the old
-- `preview` / `premium_body` texts are converted and dropped, so there is one source of the body
-- and nothing can read a premium text column by mistake. Blocks after the `paywall` block are
-- premium; `is_premium` stays as the cheap "has a paywall block" flag the lists and orders use.
ALTER TABLE articles
  ADD COLUMN blocks         JSONB NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN status         TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published')),
  ADD COLUMN cover_media_id TEXT REFERENCES media(id),
  ADD COLUMN updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- Bumped on every authoring save: an editor's save names the version it started from (409 if stale).
  ADD COLUMN version        INTEGER NOT NULL DEFAULT 1,
  ALTER COLUMN published_at DROP NOT NULL,
  ALTER COLUMN published_at DROP DEFAULT;

-- Visible to followers iff status = 'published' AND published_at <= now (a future time = scheduled).
ALTER TABLE articles ADD CONSTRAINT articles_published_has_time CHECK (status = 'draft' OR published_at IS NOT NULL);

-- Paragraphs were separated by a blank line; a paragraph that was exactly [[poll:ID]] or
-- [[quiz:ID]] was an embed and becomes that block. Premium articles get a paywall block between.
CREATE OR REPLACE FUNCTION pg_temp.text_blocks(body TEXT) RETURNS JSONB LANGUAGE sql AS $$
  SELECT COALESCE(jsonb_agg(
    CASE
      WHEN p ~ '^\[\[poll:[0-9A-Za-z_-]{1,64}\]\]$' THEN jsonb_build_object('type', 'poll', 'pollId', substring(p FROM '^\[\[poll:(.*)\]\]$'))
      WHEN p ~ '^\[\[quiz:[0-9A-Za-z_-]{1,64}\]\]$' THEN jsonb_build_object('type', 'quiz', 'quizId', substring(p FROM '^\[\[quiz:(.*)\]\]$'))
      ELSE jsonb_build_object('type', 'paragraph', 'runs', jsonb_build_array(jsonb_build_object('text', p)))
    END ORDER BY n), '[]'::jsonb)
  FROM (SELECT btrim(p, E' \n\r\t') AS p, n FROM regexp_split_to_table(COALESCE(body, ''), E'\\n[ \\t]*\\n') WITH ORDINALITY AS t(p, n)) s
  WHERE p <> ''
$$;

UPDATE articles SET blocks = CASE
  WHEN is_premium THEN pg_temp.text_blocks(preview) || '[{"type": "paywall"}]'::jsonb || pg_temp.text_blocks(premium_body)
  ELSE pg_temp.text_blocks(preview) || pg_temp.text_blocks(premium_body)
END;

ALTER TABLE articles DROP COLUMN preview, DROP COLUMN premium_body;

-- The follower list: visible posts, newest first.
CREATE INDEX articles_published_idx ON articles (published_at DESC) WHERE status = 'published';
