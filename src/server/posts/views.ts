import type { ArticleSummary, ArticleView, Paywall } from '../../shared/schemas/articles.ts'
import type { Block, ImageView } from '../../shared/schemas/blocks.ts'
import type { ArticleMeta } from '../db/queries/articles.ts'
import type { MediaLinks } from '../media/media-links.ts'
import type { MediaRow } from './media-rows.ts'
import type { StoredBlock } from './stored-blocks.ts'

/** What a view needs to turn media ids into what a reader's page loads. */
export interface MediaContext {
  rows: Map<string, MediaRow>
  links: MediaLinks
}

/** True when a view of these blocks would carry a signed (expiring) URL: such a view is not cached long. */
export function usesSignedUrls(ids: Iterable<string>, rows: Map<string, MediaRow>): boolean {
  for (const id of ids) {
    if (rows.get(id)?.access === 'premium')
      return true
  }
  return false
}

/** Public uploads get their stable URL; premium ones a short-lived signed URL, and only here. */
function urlOf(m: MediaRow, links: MediaLinks, variant?: string): string {
  return m.access === 'premium' ? links.signedUrl(m.id, variant) : links.publicUrl(m.id, variant)
}

export function imageView(id: string, alt: string, ctx: MediaContext): ImageView | null {
  const m = ctx.rows.get(id)
  if (!m || m.kind !== 'image' || !m.width || !m.height)
    return null
  const view: ImageView = { mediaId: m.id, src: urlOf(m, ctx.links), width: m.width, height: m.height, alt }
  if (m.variants?.thumb)
    view.thumb = urlOf(m, ctx.links, 'thumb')
  return view
}

/**
 * Stored blocks → the blocks a reader receives. A block whose upload is gone (deleted, or of the
 * wrong kind after a manual change) is left out rather than sent broken.
 */
export function blockViews(blocks: StoredBlock[], ctx: MediaContext): Block[] {
  const out: Block[] = []
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph':
        out.push({ type: 'paragraph', runs: b.runs ?? [] })
        break
      case 'quote':
        out.push(b.cite === undefined ? { type: 'quote', runs: b.runs ?? [] } : { type: 'quote', runs: b.runs ?? [], cite: b.cite })
        break
      case 'callout':
        out.push({ type: 'callout', tone: b.tone, runs: b.runs ?? [] })
        break
      case 'list':
        out.push({ type: 'list', ordered: b.ordered, items: b.items.map(i => typeof i === 'string' ? [{ text: i }] : i) })
        break
      case 'image': {
        const img = imageView(b.mediaId, b.alt, ctx)
        if (img)
          out.push(b.caption === undefined ? { type: 'image', ...img } : { type: 'image', ...img, caption: b.caption })
        break
      }
      case 'gallery': {
        const images = b.images.map(i => imageView(i.mediaId, i.alt, ctx)).filter(i => i !== null)
        if (images.length > 0)
          out.push(b.caption === undefined ? { type: 'gallery', images } : { type: 'gallery', images, caption: b.caption })
        break
      }
      case 'audio': {
        const m = ctx.rows.get(b.mediaId)
        if (m?.kind === 'audio')
          out.push({ type: 'audio', mediaId: m.id, src: urlOf(m, ctx.links), title: b.title, durationMs: m.durationMs ?? 0 })
        break
      }
      case 'video': {
        const m = ctx.rows.get(b.mediaId)
        if (m?.kind !== 'video' || !m.width || !m.height)
          break
        const v: Extract<Block, { type: 'video' }> = { type: 'video', mediaId: m.id, src: urlOf(m, ctx.links), width: m.width, height: m.height }
        if (m.durationMs !== null)
          v.durationMs = m.durationMs
        const poster = b.posterMediaId ? imageView(b.posterMediaId, b.title ?? '', ctx) : null
        if (poster)
          v.poster = poster
        if (b.title !== undefined)
          v.title = b.title
        out.push(v)
        break
      }
      default:
        // heading, divider, poll, quiz, miniprogram, paywall: stored exactly as the view sends them.
        out.push(b)
    }
  }
  return out
}

/** The list entry; `cover` when the post has a cover upload, `coverUrl` its small variant. */
export function summaryView(a: ArticleMeta, locked: boolean, ctx: MediaContext, now: Date): ArticleSummary {
  const s: ArticleSummary = {
    id: a.id,
    title: a.title,
    summary: a.summary,
    author: a.author,
    premium: a.isPremium,
    locked,
    publishedAt: (a.publishedAt ?? now).toISOString(),
  }
  const cover = a.coverMediaId ? imageView(a.coverMediaId, a.title, ctx) : null
  if (cover)
    s.cover = cover
  const coverUrl = a.coverUrl ?? cover?.thumb ?? cover?.src
  if (coverUrl)
    s.coverUrl = coverUrl
  return s
}

export interface ArticleViewParts {
  locked: boolean
  /** Already cut at the paywall for a locked reader. */
  blocks: StoredBlock[]
  paywall?: Paywall
}

/** `GET /api/articles/:id`; drafts (previews) show the time they were last saved. */
export function articleView(a: ArticleMeta, parts: ArticleViewParts, ctx: MediaContext, now: Date): ArticleView {
  const view: ArticleView = {
    id: a.id,
    title: a.title,
    summary: a.summary,
    author: a.author,
    publishedAt: (a.publishedAt ?? a.updatedAt ?? now).toISOString(),
    premium: a.isPremium,
    locked: parts.locked,
    blocks: blockViews(parts.blocks, ctx),
  }
  const cover = a.coverMediaId ? imageView(a.coverMediaId, a.title, ctx) : null
  if (cover)
    view.cover = cover
  if (parts.paywall)
    view.paywall = parts.paywall
  return view
}
