-- A re-upload of identical bytes answers the existing row: looked up by content hash.
CREATE INDEX media_sha256_idx ON media (sha256);
