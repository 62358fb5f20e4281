/** `2025-04-08T02:00:00Z` → `2025年4月8日` in the reader's time zone. */
export function formatDate(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`
}

/** `2026-12-05T02:00:00Z` → `12月5日` in the reader's time zone (a date within the coming weeks). */
export function formatMonthDay(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  return `${d.getMonth() + 1}月${d.getDate()}日`
}

/** A scheduled part: `即将更新 · 12月5日`, or `即将更新` when no date is announced. */
export function formatScheduled(iso: string | null | undefined): string {
  return iso ? `即将更新 · ${formatMonthDay(iso)}` : '即将更新'
}
