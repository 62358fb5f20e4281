import type { Db } from '../database.ts'
import type { User } from './users.ts'
import { and, eq, gt, lt } from 'drizzle-orm'
import { hashToken, newToken } from '../../auth/tokens.ts'
import { sessions, users } from '../schema.ts'

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000

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

export async function deleteExpiredSessions(db: Db, now = Date.now()): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date(now)))
}
