import type { Db } from '../database.ts'
import type { User } from './users.ts'
import { and, eq, gt, lt, sql } from 'drizzle-orm'
import { hashToken, newToken } from '../../auth/tokens.ts'
import { sessions, users } from '../schema.ts'

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000
/** Devices one reader may stay signed in on; signing in on one more ends the oldest session. */
export const MAX_SESSIONS_PER_USER = 10

/** Creates a session and returns the cookie token (shown once, stored hashed). */
export async function createSession(db: Db, userId: number, now = Date.now()): Promise<{ token: string, expiresAt: Date }> {
  const token = newToken()
  const expiresAt = new Date(now + SESSION_TTL_MS)
  await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt })
  return { token, expiresAt }
}

export async function findSessionUser(db: Db, token: string, now = Date.now()): Promise<User | null> {
  const [row] = await db.select({ user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(and(eq(sessions.id, hashToken(token)), gt(sessions.expiresAt, new Date(now))))
  return row?.user ?? null
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)))
}

/** Sign out everywhere: every session of the reader who owns this token. Returns how many ended. */
export async function deleteSessionsOfTokenOwner(db: Db, token: string): Promise<number> {
  const [owner] = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, hashToken(token)))
  if (!owner)
    return 0
  const gone = await db.delete(sessions).where(eq(sessions.userId, owner.userId)).returning({ id: sessions.id })
  return gone.length
}

/**
 * A new sign-in: ends the session the browser presented (whoever it belonged to, so
 * signing in again never leaves the old one valid), creates the new one, and ends
 * the reader's oldest sessions beyond MAX_SESSIONS_PER_USER.
 */
export async function replaceSession(db: Db, userId: number, presentedToken: string | null, now = Date.now()): Promise<{ token: string, expiresAt: Date }> {
  return db.transaction(async (tx) => {
    if (presentedToken)
      await tx.delete(sessions).where(eq(sessions.id, hashToken(presentedToken)))
    const created = await createSession(tx, userId, now)
    const keep = tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).orderBy(sql`${sessions.createdAt} DESC`, sql`${sessions.expiresAt} DESC`).limit(MAX_SESSIONS_PER_USER)
    await tx.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.id} NOT IN (${keep})`))
    return created
  })
}

export async function deleteExpiredSessions(db: Db, now = Date.now()): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date(now)))
}
