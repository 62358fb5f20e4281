import type { OrderStatus } from '@shared/schemas/orders'

/** Prices come from the server in fen (1 元 = 100 分): `1800` → `¥18`, `1250` → `¥12.50`. */
export function formatPrice(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}¥${yuan}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`
}

/** `2025-04-08T02:00:00Z` → `2025年4月8日` in the reader's time zone. */
export function formatDate(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`
}

export const ORDER_STATUS_TEXT: Record<OrderStatus, string> = {
  pending: '待支付',
  paid: '已支付',
  closed: '已关闭',
  refunded: '已退款',
}

/** A typed amount in yuan (`5`, `5.5`, `5.50`) → fen; null when it is not a positive amount with at most 2 decimals. */
export function parseYuan(input: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(input)
  if (!m)
    return null
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return fen > 0 ? fen : null
}
