/** Prices come from the server in fen (1 元 = 100 分): `1800` → `¥18`, `1250` → `¥12.50`. */
export function formatPrice(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}¥${yuan}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`
}
