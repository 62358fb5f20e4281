import type { Db } from '../database.ts'
import { and, eq, isNull, lt, sql } from 'drizzle-orm'
import { hashToken, newToken, randomAlnum } from '../../auth/tokens.ts'
import { shareOpens, visitors } from '../schema.ts'

export type Visitor = typeof visitors.$inferSelect

export async function findVisitor(db: Db, token: string): Promise<Visitor | null> {
  const [row] = await db.select().from(visitors).where(eq(visitors.tokenHash, hashToken(token)))
  return row ?? null
}

export async function createVisitor(db: Db, userId: number | null): Promise<{ visitor: Visitor, token: string }> {
  const token = newToken()
  const [visitor] = await db.insert(visitors).values({ tokenHash: hashToken(token), shareCode: randomAlnum(10), userId }).returning()
  return { visitor: visitor!, token }
}

/** The first sign-in on a device claims its visitor; an already-claimed visitor keeps its user. */
export async function linkVisitorToUser(db: Db, visitorId: number, userId: number): Promise<void> {
  await db.update(visitors).set({ userId }).where(and(eq(visitors.id, visitorId), isNull(visitors.userId)))
}

export async function findVisitorByShareCode(db: Db, shareCode: string): Promise<Visitor | null> {
  const [row] = await db.select().from(visitors).where(eq(visitors.shareCode, shareCode))
  return row ?? null
}

/** Anonymous visitors (never linked to a user) unseen this long are pruned, with their opens. */
export const VISITOR_RETENTION_DAYS = 180

/** Marks the visitor as seen today; at most one write a day per visitor. */
export async function touchVisitor(db: Db, visitorId: number): Promise<void> {
  await db.update(visitors).set({ lastSeenAt: sql`now()` }).where(and(eq(visitors.id, visitorId), lt(visitors.lastSeenAt, sql`now() - interval '1 day'`)))
}

/** Deletes anonymous visitors unseen for VISITOR_RETENTION_DAYS; returns how many went. */
export async function pruneAnonymousVisitors(db: Db, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - VISITOR_RETENTION_DAYS * 86_400_000)
  const gone = await db.delete(visitors).where(and(isNull(visitors.userId), lt(visitors.lastSeenAt, cutoff))).returning({ id: visitors.id })
  return gone.length
}

/** Records one open of a shared link; the same person opening the same page counts once a day. Returns whether it was new. */
export async function recordShareOpen(db: Db, sharerVisitorId: number, openerVisitorId: number, path: string): Promise<boolean> {
  const rows = await db.insert(shareOpens).values({ sharerVisitorId, openerVisitorId, path }).onConflictDoNothing().returning({ id: shareOpens.id })
  return rows.length > 0
}
