import type { Db } from '../database.ts'
import { asc, eq, sql } from 'drizzle-orm'
import { moderationSettings, moderationWords } from '../schema.ts'

export type WordRow = typeof moderationWords.$inferSelect

export async function listWords(db: Db): Promise<WordRow[]> {
  return db.select().from(moderationWords).orderBy(asc(moderationWords.id))
}

/** Changes whenever the list does (an add raises max(id), a removal lowers the count, an edit moves updated_at). */
export async function wordListVersion(db: Db): Promise<string> {
  const [row] = await db.select({
    v: sql<string>`count(*)::text || ':' || coalesce(max(${moderationWords.id}), 0)::text || ':' || coalesce(max(${moderationWords.updatedAt})::text, '')`,
  }).from(moderationWords)
  return row?.v ?? ''
}

/** Null when the word (in its normalised form) is already listed. */
export async function insertWord(db: Db, w: { word: string, normalized: string, level: WordRow['level'] }): Promise<WordRow | null> {
  const [row] = await db.insert(moderationWords).values(w).onConflictDoNothing({ target: moderationWords.normalized }).returning()
  return row ?? null
}

export async function updateWordLevel(db: Db, id: number, level: WordRow['level']): Promise<WordRow | null> {
  const [row] = await db.update(moderationWords).set({ level, updatedAt: sql`now()` }).where(eq(moderationWords.id, id)).returning()
  return row ?? null
}

export async function deleteWord(db: Db, id: number): Promise<WordRow | null> {
  const [row] = await db.delete(moderationWords).where(eq(moderationWords.id, id)).returning()
  return row ?? null
}

export interface ModerationSettings { autoApproveOnPass: boolean }

/** The account's settings; defaults until an operator changes one. */
export async function readSettings(db: Db): Promise<ModerationSettings> {
  const [row] = await db.select({ autoApproveOnPass: moderationSettings.autoApproveOnPass }).from(moderationSettings)
  return row ?? { autoApproveOnPass: false }
}

export async function writeSettings(db: Db, s: ModerationSettings): Promise<ModerationSettings> {
  const [row] = await db.insert(moderationSettings).values({ id: true, ...s }).onConflictDoUpdate({ target: moderationSettings.id, set: { ...s, updatedAt: sql`now()` } }).returning({ autoApproveOnPass: moderationSettings.autoApproveOnPass })
  return row!
}
