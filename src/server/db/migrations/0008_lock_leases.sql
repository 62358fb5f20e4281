-- Named locks as short leases in a row instead of a connection held open: taking one
-- is a single autocommit statement, waiting is a sleep in the API process, and the
-- holder may call WeChat while it owns the lease (see ../README.md). A crashed
-- holder's lease simply expires.
CREATE TABLE lock_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);

-- Public content (articles, catalogue) is cached in every API instance; an operator's
-- change bumps this counter, and instances compare it to drop stale copies.
CREATE TABLE content_version (
  id SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO content_version (id, version) VALUES (1, 1);
