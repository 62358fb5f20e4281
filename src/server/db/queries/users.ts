import type { Db } from '../database.ts'
import { sql } from 'drizzle-orm'
import { users } from '../schema.ts'

export interface UserProfile {
  openid: string
  unionid?: string | null
  nickname?: string
  avatarUrl?: string
  isSnapshot: boolean
}

export type User = typeof users.$inferSelect

/**
 * Insert or update by openid. A silent (snsapi_base) sign-in carries no
 * profile: it must not blank the nickname and avatar a consent sign-in stored.
 */
export async function upsertUser(db: Db, p: UserProfile): Promise<User> {
  const [row] = await db.insert(users).values({
    openid: p.openid,
    unionid: p.unionid ?? null,
    nickname: p.nickname ?? '',
    avatarUrl: p.avatarUrl ?? '',
    isSnapshot: p.isSnapshot,
  }).onConflictDoUpdate({
    target: users.openid,
    set: {
      unionid: sql`COALESCE(excluded.unionid, ${users.unionid})`,
      nickname: p.nickname === undefined ? sql`${users.nickname}` : sql`excluded.nickname`,
      avatarUrl: p.avatarUrl === undefined ? sql`${users.avatarUrl}` : sql`excluded.avatar_url`,
      isSnapshot: sql`excluded.is_snapshot`,
      updatedAt: sql`now()`,
    },
  }).returning()
  return row!
}
