// Day partitions of analytics_events (China Standard Time days): created a few days
// ahead, dropped once older than the retention setting. Rollups are never dropped.
import type { Database } from '../db/database.ts'
import { sql } from 'drizzle-orm'
import { addDays, cstDay, cstDayStart } from './classify.ts'
import { iso, queryRows } from './sql-rows.ts'

export const DAYS_AHEAD = 3
const PARTITION_NAME = /^analytics_events_p(\d{4})(\d{2})(\d{2})$/

const partitionName = (day: string) => `analytics_events_p${day.replace(/-/g, '')}`

export interface MaintenanceResult { created: string[], dropped: string[] }

/**
 * Creates today's and the next days' partitions and drops those past retention
 * (`retentionDays` 0 keeps everything). Also prunes the short-lived rollups (real-time
 * minutes, view dedupe) older than two days. Under a named lock: one instance at a time.
 */
export async function maintainAnalytics(database: Database, now: number, retentionDays: number): Promise<MaintenanceResult> {
  return database.withLock('analytics-maintenance', async () => {
    const { db } = database
    const existing = new Set((await queryRows<{ name: string }>(db, sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'analytics_events'::regclass`)).map(r => r.name))
    const created: string[] = []
    const today = cstDay(now)
    for (let i = 0; i <= DAYS_AHEAD; i++) {
      const day = addDays(today, i)
      const name = partitionName(day)
      if (existing.has(name))
        continue
      try {
        await db.execute(sql.raw(`CREATE TABLE ${name} PARTITION OF analytics_events FOR VALUES FROM ('${iso(cstDayStart(day))}') TO ('${iso(cstDayStart(addDays(day, 1)))}')`))
        created.push(name)
      }
      catch (err) {
        // Rows for that day already sit in the default partition (the job had not run): they stay there.
        if (!/default partition/i.test((err as Error).message))
          throw err
      }
    }
    const dropped: string[] = []
    if (retentionDays > 0) {
      const oldestKept = addDays(today, -retentionDays)
      for (const name of existing) {
        const m = PARTITION_NAME.exec(name)
        if (m && `${m[1]}-${m[2]}-${m[3]}` < oldestKept) {
          await db.execute(sql.raw(`DROP TABLE ${name}`))
          dropped.push(name)
        }
      }
    }
    const twoDaysAgo = iso(now - 2 * 86_400_000)
    await db.execute(sql`DELETE FROM analytics_minute_readers WHERE minute < ${twoDaysAgo}::timestamptz`)
    await db.execute(sql`DELETE FROM analytics_minutes WHERE minute < ${twoDaysAgo}::timestamptz`)
    await db.execute(sql`DELETE FROM analytics_last_views WHERE at < ${iso(now - 86_400_000)}::timestamptz`)
    return { created, dropped }
  })
}
