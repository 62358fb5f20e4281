import type { SQL } from 'drizzle-orm'
import type { Db } from '../db/database.ts'

/** Runs raw SQL on either driver (PGlite and node-pg both answer `{rows}`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query) as unknown as { rows: T[] }
  return result.rows
}

/** Epoch milliseconds of a timestamptz column, as a plain number on both drivers. */
export function ms(column: string): string {
  return `(extract(epoch FROM ${column}) * 1000)::float8`
}

export const iso = (msSinceEpoch: number) => new Date(msSinceEpoch).toISOString()
