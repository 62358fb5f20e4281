import type { Db } from '../database.ts'
import { sql } from 'drizzle-orm'
import { contentVersion } from '../schema.ts'

/** 0 when the row is missing (a freshly emptied test database). */
export async function readContentVersion(db: Db): Promise<number> {
  const [row] = await db.select({ version: contentVersion.version }).from(contentVersion)
  return row?.version ?? 0
}

export async function bumpContentVersion(db: Db): Promise<number> {
  const [row] = await db.insert(contentVersion).values({ id: 1, version: 1 }).onConflictDoUpdate({ target: contentVersion.id, set: { version: sql`${contentVersion.version} + 1` } }).returning({ version: contentVersion.version })
  return row!.version
}
