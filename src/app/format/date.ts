/** `2025-04-08T02:00:00Z` → `2025年4月8日` in the reader's time zone. */
export function formatDate(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`
}
