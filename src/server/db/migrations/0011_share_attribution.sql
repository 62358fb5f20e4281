-- Share attribution you can trust (see routes/api/share-visits.ts):
-- an open counts once per opener, sharer and page per day (China time), so opens can no
-- longer be inflated by repeating them, yet a friend coming back another day counts again;
ALTER TABLE share_opens ADD COLUMN opened_on DATE NOT NULL DEFAULT ((now() AT TIME ZONE 'Asia/Shanghai')::date);
UPDATE share_opens SET opened_on = (created_at AT TIME ZONE 'Asia/Shanghai')::date;
ALTER TABLE share_opens DROP CONSTRAINT IF EXISTS share_opens_sharer_visitor_id_opener_visitor_id_path_key;
CREATE UNIQUE INDEX share_opens_once_a_day_idx ON share_opens (sharer_visitor_id, opener_visitor_id, path, opened_on);
-- and anonymous visitors never linked to a user are pruned once unseen for the retention
-- period, so cookieless traffic cannot grow the table without bound.
ALTER TABLE visitors ADD COLUMN last_seen_at TIMESTAMPTZ NOT NULL DEFAULT now();
UPDATE visitors SET last_seen_at = created_at;
CREATE INDEX visitors_anonymous_seen_idx ON visitors (last_seen_at) WHERE user_id IS NULL;
