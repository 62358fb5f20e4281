-- Each membership entitlement remembers the period it bought, so a refund takes back
-- exactly that period (0003 only shrank the current expiry by the order's duration,
-- which could eat into a later, unrelated purchase). Periods chain: a purchase starts
-- at GREATEST(its grant time, the end of the previous unrevoked period).
ALTER TABLE entitlements ADD COLUMN starts_at TIMESTAMPTZ, ADD COLUMN ends_at TIMESTAMPTZ;

-- Existing grants: replay each member's unrevoked purchases in grant order, which is
-- how 0003 extended the expiry. memberships.expires_at itself is left as it is.
WITH RECURSIVE ordered AS (
  SELECT id, user_id, granted_at, duration_days,
         row_number() OVER (PARTITION BY user_id ORDER BY granted_at, id) AS n
  FROM entitlements WHERE kind = 'membership' AND revoked_at IS NULL
), chain AS (
  SELECT id, user_id, n, granted_at AS starts_at, granted_at + make_interval(days => duration_days) AS ends_at
  FROM ordered WHERE n = 1
  UNION ALL
  SELECT o.id, o.user_id, o.n, GREATEST(o.granted_at, c.ends_at), GREATEST(o.granted_at, c.ends_at) + make_interval(days => o.duration_days)
  FROM ordered o JOIN chain c ON o.user_id = c.user_id AND o.n = c.n + 1
)
UPDATE entitlements e SET starts_at = chain.starts_at, ends_at = chain.ends_at FROM chain WHERE e.id = chain.id;
-- Revoked ones no longer count; give them their nominal period for the record.
UPDATE entitlements SET starts_at = granted_at, ends_at = granted_at + make_interval(days => duration_days)
WHERE kind = 'membership' AND starts_at IS NULL;

ALTER TABLE entitlements ADD CONSTRAINT entitlements_membership_period
  CHECK (kind <> 'membership' OR (starts_at IS NOT NULL AND ends_at > starts_at));
CREATE INDEX entitlements_membership_idx ON entitlements (user_id, starts_at) WHERE kind = 'membership' AND revoked_at IS NULL;
