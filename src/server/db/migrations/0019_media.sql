-- Media uploaded by operators (images, audio, video). The bytes live in the media store
-- (DATA_DIR/media, or an S3-compatible bucket); this row is what the server knows about them,
-- checked from the content at upload, never from the file name.
CREATE TABLE media (
  id            TEXT PRIMARY KEY,              -- random, URL-safe; also the public URL's path segment
  kind          TEXT NOT NULL CHECK (kind IN ('image', 'audio', 'video')),
  mime          TEXT NOT NULL,                 -- sniffed from the bytes
  bytes         BIGINT NOT NULL CHECK (bytes > 0),
  sha256        TEXT NOT NULL,
  width         INTEGER,                       -- images and video
  height        INTEGER,
  duration_ms   INTEGER,                       -- audio and video, when the container says
  -- 'premium' media are used after a paywall break: served only through short-lived signed URLs.
  access        TEXT NOT NULL DEFAULT 'public' CHECK (access IN ('public', 'premium')),
  storage_key   TEXT NOT NULL,
  -- Derived files, e.g. {"thumb": {"key": "...", "mime": "image/webp", "width": 480, "height": 270}}
  variants      JSONB NOT NULL DEFAULT '{}'::jsonb,
  original_name TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX media_created_at_idx ON media (created_at DESC);
