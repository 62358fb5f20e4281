import type { OrderStatus } from '@shared/schemas/orders.ts'

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
