import type { FastifyInstance } from 'fastify'
import { claimDueParts } from '../db/queries/series.ts'

/**
 * Emits `partPublished` for every series part that is out and not yet announced: published by an
 * operator just now, or whose scheduled time has come. The claim is one committed UPDATE, so
 * across instances each part is emitted once; listeners run after it, holding no transaction and
 * no connection. A crash between the claim and the emit loses that event rather than sending it
 * twice (subscribe messages are one-shot consents: a duplicate is worse than a miss).
 */
export async function announceDueParts(app: FastifyInstance): Promise<number> {
  const now = app.clock.date()
  const due = await claimDueParts(app.database.db, now)
  if (due.length === 0)
    return 0
  // Scheduled parts just became visible: cached public pages (lists, series pages) must change.
  await app.content.changed()
  for (const part of due)
    await app.publishing.emitPartPublished(part)
  return due.length
}
