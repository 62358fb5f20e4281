import type { Db } from '../database.ts'
import { sql } from 'drizzle-orm'
import { hashToken } from '../../auth/tokens.ts'

/** Shares older than this no longer explain why someone acted. */
const ATTRIBUTION_WINDOW_DAYS = 7

/**
 * The share code of whoever shared the link this follower arrived through, for a vote or a
 * quiz on `path`: an open of that very page wins, else the latest open of any shared page
 * (a poll embedded in a shared post). Looks at this device's visitor and every visitor the
 * user signed in on, since the open is often recorded before the sign-in round trip.
 */
export async function arrivalRefCode(db: Db, o: { userId: number, visitorToken?: string, path: string }): Promise<string | null> {
  const tokenHash = o.visitorToken && o.visitorToken.length <= 128 ? hashToken(o.visitorToken) : ''
  const result = await db.execute(sql`
    SELECT sv.share_code AS code
    FROM share_opens so
    JOIN visitors ov ON ov.id = so.opener_visitor_id
    JOIN visitors sv ON sv.id = so.sharer_visitor_id
    WHERE (ov.user_id = ${o.userId} OR ov.token_hash = ${tokenHash})
      AND (sv.user_id IS NULL OR sv.user_id <> ${o.userId})
      AND so.created_at > now() - make_interval(days => ${ATTRIBUTION_WINDOW_DAYS})
    ORDER BY (so.path = ${o.path}) DESC, so.created_at DESC
    LIMIT 1`)
  const rows = (result as unknown as { rows: { code: string }[] }).rows
  return rows[0]?.code ?? null
}
