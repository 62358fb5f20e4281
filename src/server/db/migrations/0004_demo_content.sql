-- Demo content used to be inserted here. It now lives in db/seed/ and is applied only by
-- `npm run dev`, the tests and `npm run seed`, so a production database starts empty.
-- Databases that already ran the old version of this file keep those rows; an operator
-- removes them through the admin API or SQL. Kept as a no-op so the ledger stays contiguous.
SELECT 1;
