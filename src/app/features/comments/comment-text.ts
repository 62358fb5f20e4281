export type CommentSegment
  = | { kind: 'text', text: string }
    | { kind: 'link', text: string, href: string }

// A URL ends at whitespace, quotes, angle brackets or full-width punctuation a reader types after it.
const URL_PATTERN = /https?:\/\/[^\s<>"'，。！？、；：（）【】「」]+/gi

/**
 * Splits a comment into text and links. Only links to the account's own host (`ownOrigin`)
 * become clickable; any other URL stays plain text, so a comment cannot send readers to a
 * phishing page with one tap. Rendered with text interpolation, never as HTML.
 */
export function commentSegments(text: string, ownOrigin: string): CommentSegment[] {
  const ownHost = hostOf(ownOrigin)
  const out: CommentSegment[] = []
  let last = 0
  const push = (t: string) => {
    if (!t)
      return
    const prev = out.at(-1)
    if (prev?.kind === 'text')
      prev.text += t
    else out.push({ kind: 'text', text: t })
  }
  for (const m of text.matchAll(URL_PATTERN)) {
    // A sentence's own full stop or comma is not part of the link.
    const raw = m[0].replace(/[.,!?;:)\]]+$/, '')
    const start = m.index!
    push(text.slice(last, start))
    const host = hostOf(raw)
    if (host !== null && host === ownHost)
      out.push({ kind: 'link', text: raw, href: new URL(raw).href })
    else push(raw)
    last = start + raw.length
  }
  push(text.slice(last))
  return out
}

function hostOf(url: string): string | null {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.host.toLowerCase() : null
  }
  catch {
    return null
  }
}

/** `刚刚`, `5分钟前`, `3小时前`, `昨天`, `4月8日`, `2024年4月8日`, as WeChat shows comment times. */
export function commentTime(iso: string, now = Date.now()): string {
  const d = new Date(iso)
  const diff = Math.max(0, now - d.getTime())
  if (diff < 60_000)
    return '刚刚'
  if (diff < 3600_000)
    return `${Math.floor(diff / 60_000)}分钟前`
  if (diff < 24 * 3600_000)
    return `${Math.floor(diff / 3600_000)}小时前`
  if (diff < 48 * 3600_000)
    return '昨天'
  const sameYear = d.getFullYear() === new Date(now).getFullYear()
  return `${sameYear ? '' : `${d.getFullYear()}年`}${d.getMonth() + 1}月${d.getDate()}日`
}
