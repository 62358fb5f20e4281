import type { SHARER_PARAM as SharedSharerParam } from '@shared/schemas/share.ts'
import type { ShareData } from '../../platform/wechat/index.ts'

/** The query parameter shared links carry (the contract's SHARER_PARAM, kept out of the bundle's imports). */
export const SHARER_PARAM: typeof SharedSharerParam = 'sh'

/** What a route (meta.share) or a page (useShareData) may say about its share card. */
export interface ShareMeta {
  title?: string
  desc?: string
  /** Relative to the site (`/share-cover.png`) or absolute. */
  imgUrl?: string
  /** The path the link points to, when not the page itself (e.g. the 404 page shares the home page). */
  path?: string
}

export type ShareDefaults = Required<Pick<ShareMeta, 'title' | 'desc' | 'imgUrl'>>

// Parameters that describe this visit, not the page: the sharer's code, WeChat's own
// `from`/`isappinstalled` (protocol.md §3.2) and OAuth leftovers.
const VISIT_PARAMS = [SHARER_PARAM, 'from', 'isappinstalled', 'code', 'state']

/** WeChat shows no image for relative or http URLs in share cards: make them absolute. */
export function absoluteUrl(url: string, origin: string): string {
  return new URL(url, origin).href
}

/** The page's canonical link with the visitor's own sharer code, so opens are attributed to them. */
export function buildShareLink(origin: string, fullPath: string, shareCode: string | null): string {
  const url = new URL(fullPath, origin)
  for (const name of VISIT_PARAMS)
    url.searchParams.delete(name)
  if (shareCode)
    url.searchParams.set(SHARER_PARAM, shareCode)
  url.hash = ''
  return url.href
}

export interface ShareSource {
  defaults: ShareDefaults
  meta?: ShareMeta
  override?: ShareMeta
  origin: string
  fullPath: string
  shareCode: string | null
}

/** Page override, then route meta, then the site defaults. */
export function resolveShareData({ defaults, meta, override, origin, fullPath, shareCode }: ShareSource): ShareData {
  const pick = <K extends keyof ShareMeta>(key: K) => override?.[key] ?? meta?.[key]
  return {
    title: pick('title') ?? defaults.title,
    desc: pick('desc') ?? defaults.desc,
    link: buildShareLink(origin, pick('path') ?? fullPath, shareCode),
    imgUrl: absoluteUrl(pick('imgUrl') ?? defaults.imgUrl, origin),
  }
}
