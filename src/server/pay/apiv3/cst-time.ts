// WeChat Pay's RFC 3339 timestamps: `yyyy-MM-DDTHH:mm:ss+08:00` (protocol §6.1 time_expire).

const CST_OFFSET_MS = 8 * 3600_000

export function toCstRfc3339(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + CST_OFFSET_MS)
  return `${d.toISOString().slice(0, 19)}+08:00`
}
