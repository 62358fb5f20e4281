import type { SeriesDetail } from '@shared/schemas/series.ts'

/** The share card of a series page: its title, and how many parts are out. */
export function seriesShareData(series: SeriesDetail | null): { title: string, desc: string, imgUrl?: string } | undefined {
  if (!series)
    return undefined
  const out = series.parts.filter(p => p.publishedAt !== null).length
  return {
    title: series.title,
    desc: series.description || `系列文章 · 已更新 ${out} 篇`,
    ...(series.cover ? { imgUrl: series.cover.thumb ?? series.cover.src } : {}),
  }
}
