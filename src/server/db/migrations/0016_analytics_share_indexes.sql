-- Analytics reads share_opens by post (share trees, opens per post) and by opener
-- (whose share brought a reader's first read).
CREATE INDEX IF NOT EXISTS share_opens_path_idx ON share_opens (path, created_at);
CREATE INDEX IF NOT EXISTS share_opens_opener_idx ON share_opens (opener_visitor_id, path);
