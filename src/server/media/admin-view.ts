import type { AdminMedia } from '../../shared/schemas/media.ts'
import type { MediaRow } from '../db/queries/media.ts'
import type { MediaLinks } from './media-links.ts'

/** A media row as operators see it (storage keys stay on the server). */
export function adminMediaView(row: MediaRow, links: MediaLinks): AdminMedia {
  return {
    id: row.id,
    kind: row.kind,
    mime: row.mime,
    bytes: row.bytes,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    durationMs: row.durationMs,
    access: row.access,
    originalName: row.originalName,
    createdAt: row.createdAt.toISOString(),
    url: links.publicUrl(row.id),
    variants: Object.fromEntries(Object.entries(row.variants).map(([name, v]) => [name, {
      mime: v.mime,
      ...(v.bytes !== undefined ? { bytes: v.bytes } : {}),
      ...(v.width !== undefined ? { width: v.width } : {}),
      ...(v.height !== undefined ? { height: v.height } : {}),
      url: links.publicUrl(row.id, name),
    }])),
  }
}
