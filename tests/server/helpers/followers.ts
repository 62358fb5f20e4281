import type { App } from '../../../src/server/app.ts'
import { randomBytes } from 'node:crypto'
import { hashToken, newToken } from '../../../src/server/auth/tokens.ts'
import { SESSION_TTL_MS } from '../../../src/server/db/queries/sessions.ts'
import { sessions, users } from '../../../src/server/db/schema.ts'

export interface Follower { userId: number, cookie: string }

/**
 * Signed-in followers without the OAuth round trip (which auth-signin.test.ts covers): a user
 * row and a session, with the signed `sid` cookie a browser would send.
 */
export async function makeFollowers(app: App, n: number, o: { snapshot?: boolean } = {}): Promise<Follower[]> {
  const { db } = app.database
  const rows = await db.insert(users).values(Array.from({ length: n }, (_, i) => ({ openid: `o_${randomBytes(8).toString('hex')}`, nickname: `读者${i}`, isSnapshot: !!o.snapshot }))).returning({ id: users.id })
  const tokens = rows.map(() => newToken())
  await db.insert(sessions).values(rows.map((r, i) => ({ id: hashToken(tokens[i]!), userId: r.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) })))
  return rows.map((r, i) => ({ userId: r.id, cookie: `sid=${app.signCookie(tokens[i]!)}` }))
}

export async function makeFollower(app: App, o: { snapshot?: boolean } = {}): Promise<Follower> {
  return (await makeFollowers(app, 1, o))[0]!
}

export const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' }
