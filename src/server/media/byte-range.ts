import type { ByteRange } from './store/media-store.ts'

/**
 * One `Range: bytes=…` against a file of `size` bytes (RFC 9110 §14). Media players (iOS's
 * WKWebView in particular) ask for audio and video in ranges. Returns the inclusive range,
 * 'unsatisfiable' (answer 416), or null to send the whole file: no header, another unit,
 * several ranges (allowed to be ignored), or a malformed value.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header)
    return null
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === ''))
    return null
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0 || size === 0)
      return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(m[1])
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (m[2] !== '' && Number(m[2]) < start)
    return null
  if (start >= size)
    return 'unsatisfiable'
  return { start, end }
}
