import type { Database } from '../../../src/server/db/database.ts'
import { seed } from '../../../src/server/db/seed.ts'

export const ADMIN_HEADERS = { 'authorization': 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' }

/**
 * The demo uploads' rows as the media seed (0019_media.sql) inserts them, for branches where that
 * seed is not present yet; then the seed again, so the posts seed can set the cover and mark the
 * uploads behind its paywall premium. Idempotent, like the seed.
 */
export async function seedDemoMedia(database: Database): Promise<void> {
  const row = (id: string, kind: string, mime: string, w: number | null, h: number | null, ms: number | null, thumb = false) =>
    `('${id}', '${kind}', '${mime}', 1000, '${'0'.repeat(64)}', ${w ?? 'NULL'}, ${h ?? 'NULL'}, ${ms ?? 'NULL'}, 'media/${id}',
      '${thumb ? JSON.stringify({ thumb: { key: `media/${id}.thumb.webp`, mime: 'image/webp', width: 480, height: 320 } }) : '{}'}'::jsonb)`
  await database.withAdvisoryLock(2, tx => tx.exec(`INSERT INTO media (id, kind, mime, bytes, sha256, width, height, duration_ms, storage_key, variants) VALUES
    ${[
      row('demo-photo-1', 'image', 'image/jpeg', 1200, 800, null, true),
      row('demo-photo-2', 'image', 'image/jpeg', 1200, 800, null),
      row('demo-photo-3', 'image', 'image/jpeg', 1200, 800, null, true),
      row('demo-photo-4', 'image', 'image/png', 800, 1200, null),
      row('demo-audio', 'audio', 'audio/mpeg', null, null, 20_000),
      row('demo-video', 'video', 'video/mp4', 640, 360, 5_000),
      row('demo-poster', 'image', 'image/jpeg', 640, 360, null),
      row('demo-cover-series', 'image', 'image/jpeg', 1200, 675, null),
    ].join(',\n')}
    ON CONFLICT (id) DO NOTHING`))
  await seed(database)
}
